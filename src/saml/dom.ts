import { DOMParser, Document, Element } from '@xmldom/xmldom';
import { SamlResponseError } from './errors';

/**
 * DOM parsing for signed documents (xml-crypto needs a DOM). The DOCTYPE check runs first so
 * no entity is ever declared, expanded or fetched; any parser complaint rejects the document.
 */
export function parseSignedDocument(xml: string, what: string): Document {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new SamlResponseError('doctype', `${what} contains a DOCTYPE or ENTITY declaration, which is refused`);
  }
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw new SamlResponseError('malformed', `${what} is not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function childElements(parent: Element, ns?: string, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    if ((ns === undefined || el.namespaceURI === ns) && (local === undefined || el.localName === local)) out.push(el);
  }
  return out;
}

export function firstChild(parent: Element, ns: string, local: string): Element | undefined {
  return childElements(parent, ns, local)[0];
}

export function descendants(root: Document | Element, ns: string, local: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, local)) as Element[];
}

export function textOf(el: Element | undefined): string {
  return (el?.textContent ?? '').trim();
}

/** Every ID-like attribute value in the document, counted, to spot duplicated IDs (a wrapping tell). */
export function idCounts(doc: Document): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (el: Element): void => {
    for (const name of ['ID', 'Id', 'id']) {
      const v = el.getAttribute(name);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const c of childElements(el)) walk(c);
  };
  if (doc.documentElement) walk(doc.documentElement);
  return counts;
}
