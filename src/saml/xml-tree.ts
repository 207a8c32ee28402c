import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Hardened, namespace-aware reading of metadata documents with fast-xml-parser. Metadata comes
 * from outside (a file someone downloaded, a Terraform variable), so a DOCTYPE is refused before
 * parsing: no entity is ever expanded and nothing is ever fetched.
 */

export interface XmlElement {
  /** Namespace URI ('' when none). */
  readonly ns: string;
  readonly local: string;
  /** Attributes without namespace declarations, keyed by their qualified name as written. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content directly inside this element, entity references decoded. */
  readonly text: string;
}

export type XmlRejection = 'too-large' | 'doctype' | 'malformed';

export class XmlInputError extends Error {
  override readonly name = 'XmlInputError';
  constructor(
    readonly reason: XmlRejection,
    message: string,
  ) {
    super(message);
  }
}

const DOCTYPE = /<!\s*(DOCTYPE|ENTITY)/i;

export function parseXmlTree(xml: string, maxChars: number, what: string): XmlElement {
  if (xml.length > maxChars) {
    throw new XmlInputError('too-large', `${what} is ${xml.length} characters; at most ${maxChars} are accepted`);
  }
  if (DOCTYPE.test(xml)) {
    throw new XmlInputError(
      'doctype',
      `${what} contains a DOCTYPE or ENTITY declaration; these are refused (no entity expansion) — remove it`,
    );
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new XmlInputError('malformed', `${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = parser.parse(xml) as RawNode[];
  const roots = nodes.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) throw new XmlInputError('malformed', `${what} must have exactly one root element`);
  return build(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), what);
}

type RawNode = Record<string, unknown>;

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
}

function build(node: RawNode, inherited: Map<string, string>, what: string): XmlElement {
  const qname = elementName(node)!;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns') scope.set('', decodeEntities(value));
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), decodeEntities(value));
    else attrs[name] = decodeEntities(value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon >= 0 ? qname.slice(0, colon) : '';
  const local = colon >= 0 ? qname.slice(colon + 1) : qname;
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '') {
    throw new XmlInputError('malformed', `${what} uses the undeclared namespace prefix "${prefix}" on <${qname}>`);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qname] ?? []) as RawNode[]) {
    if (typeof child['#text'] === 'string' || typeof child['#text'] === 'number') text += decodeEntities(String(child['#text']));
    else if (elementName(child) !== undefined) children.push(build(child, scope, what));
  }
  return { ns: ns ?? '', local, attrs, children, text };
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Only XML's five predefined entities and character references: nothing else can be defined here. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

export function childrenOf(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

export function descendantsOf(el: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.ns === ns && c.local === local) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
