/** Times of failure, repair and sessions are given in hours; rates are per second. */
export const SECONDS_PER_HOUR = 3600;
