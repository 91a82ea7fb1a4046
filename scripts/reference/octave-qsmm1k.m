% Runs GNU Octave's queueing package qsmm1k over a grid, for scripts/reference/octave-qsmm1k.ts.
%   octave --no-gui --quiet --no-window-system octave-qsmm1k.m GRID.csv
% GRID.csv holds one "lambda,mu,K" per line. Prints the Octave and queueing versions, then one line
% per grid row: lambda mu K U R Q X p0 pK, every number to 17 significant digits (exact for doubles).
pkg load queueing;
args = argv();
grid = csvread(args{1});
described = pkg("describe", "queueing");
printf("octave %s\nqueueing %s\n", OCTAVE_VERSION, described{1}.version);
[U R Q X p0 pK] = qsmm1k(grid(:, 1)', grid(:, 2)', grid(:, 3)');
printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", [grid'; U; R; Q; X; p0; pK]);
