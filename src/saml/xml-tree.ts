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
/** Metadata nests about six levels; anything far deeper is an attack on the parser, not metadata. */
export const MAX_DEPTH = 64;

/**
 * Parses `xml` into a namespace-resolved tree, or throws XmlInputError with the reason. Hostile
 * input (undefined entities, character references to non-characters, deep nesting) is an input
 * error like any other, never a parser crash.
 */
export function parseXmlTree(xml: string, maxChars: number, what: string): XmlElement {
  try {
    return parseChecked(xml, maxChars, what);
  } catch (err) {
    if (err instanceof XmlInputError) throw err;
    // fast-xml-parser's own limits (e.g. nesting) throw plain Errors; their text names no input.
    throw new XmlInputError('malformed', `${what} could not be parsed: ${(err as Error).message}`);
  }
}

function parseChecked(xml: string, maxChars: number, what: string): XmlElement {
  if (xml.length > maxChars) {
    throw new XmlInputError('too-large', `${what} is ${xml.length} characters; at most ${maxChars} are accepted`);
  }
  if (DOCTYPE.test(xml)) {
    throw new XmlInputError(
      'doctype',
      `${what} contains a DOCTYPE or ENTITY declaration; these are refused (no entity expansion) — remove it`,
    );
  }
  const depth = nestingDepth(xml);
  if (depth > MAX_DEPTH) {
    throw new XmlInputError('malformed', `${what} nests elements ${depth} levels deep; at most ${MAX_DEPTH} are accepted`);
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
    maxNestedTags: MAX_DEPTH + 1,
  });
  const nodes = parser.parse(xml) as RawNode[];
  const roots = nodes.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) throw new XmlInputError('malformed', `${what} must have exactly one root element`);
  return build(roots[0], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), what);
}

/** The deepest element nesting, by a scan that no input can make recurse (comments and CDATA skipped). */
function nestingDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?]+[^>]*?(\/?)>/g;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[1] === '/') depth--;
    else if (m[2] !== '/' && !m[0].startsWith('<!') && !m[0].startsWith('<?')) max = Math.max(max, ++depth);
  }
  return max;
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
    if (name === 'xmlns') scope.set('', decodeEntities(value, what));
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), decodeEntities(value, what));
    else attrs[name] = decodeEntities(value, what);
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
    if (typeof child['#text'] === 'string' || typeof child['#text'] === 'number') text += decodeEntities(String(child['#text']), what);
    else if (elementName(child) !== undefined) children.push(build(child, scope, what));
  }
  return { ns: ns ?? '', local, attrs, children, text };
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0's Char production: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Only XML's five predefined entities and character references to characters XML allows: with
 * no DTD nothing else is defined, so anything else makes the document not well-formed.
 */
function decodeEntities(value: string, what: string): string {
  return value.replace(/&([^;&\s]{0,32});/g, (whole, ref: string) => {
    const numeric = /^#x([0-9a-fA-F]{1,8})$/.exec(ref) ?? /^#([0-9]{1,10})$/.exec(ref);
    if (numeric) {
      const cp = parseInt(numeric[1], ref.startsWith('#x') ? 16 : 10);
      if (!isXmlChar(cp)) throw new XmlInputError('malformed', `${what} has the character reference ${whole}, which names no character XML allows`);
      return String.fromCodePoint(cp);
    }
    const named = PREDEFINED[ref];
    if (named === undefined) {
      throw new XmlInputError('malformed', `${what} uses the entity ${whole.slice(0, 40)}, which is not defined (only &amp; &lt; &gt; &quot; &apos; and character references are)`);
    }
    return named;
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
