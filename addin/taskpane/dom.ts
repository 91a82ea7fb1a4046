/** The two DOM helpers every panel uses: an element the page must have, and a new element with its properties and children. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the task pane page lacks #${id}`);
  return found as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/** The value of a parameter's field (input or select), or undefined when the form has no such field. */
export function fieldValue(name: string): string | undefined {
  return (document.getElementById(`param-${name}`) as HTMLInputElement | HTMLSelectElement | null)?.value;
}
