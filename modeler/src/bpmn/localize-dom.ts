import { zhDictionary } from './translate.ts';

/**
 * Some bpmn-io components render English that never passes the `translate` service (the properties
 * panel's group titles fall back to their own English when the provider passes no translator). This
 * observer translates such titles, labels and text nodes in place with the same dictionary.
 */
export function localizeDom(root: HTMLElement): () => void {
  const fix = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text && zhDictionary[text] && text !== zhDictionary[text]) node.textContent = node.textContent!.replace(text, zhDictionary[text]);
      return;
    }
    if (!(node instanceof Element)) return;
    for (const attribute of ['title', 'aria-label', 'placeholder']) {
      const value = node.getAttribute(attribute);
      if (value && zhDictionary[value]) node.setAttribute(attribute, zhDictionary[value]);
    }
  };
  const walk = (node: Node) => {
    fix(node);
    node.childNodes.forEach(walk);
  };
  walk(root);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' || m.type === 'characterData') fix(m.target);
      m.addedNodes.forEach(walk);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['title', 'aria-label', 'placeholder'], characterData: true });
  return () => observer.disconnect();
}
