/**
 * The editor's document schema on the server: the schema-bearing part of the extension list in
 * client/components/workspace/CollabEditor.vue (StarterKit without undo/redo, TableKit, Image),
 * configured the same way, so exports render exactly the nodes and marks the editor can write.
 * Collaboration, the caret, comment highlights and the placeholder add no nodes or marks and need
 * a live editor, so they are left out. Keep this list in step with the client's.
 */
import { getSchema, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/schemas/workspace';

/** The URLs a link may point to (same rule as the editor's link prompt). */
const LINK = /^(https?:\/\/|mailto:)/i;

/** The schema-bearing extensions of the collaborative editor. */
export const editorExtensions: Extensions = [
  StarterKit.configure({
    undoRedo: false,
    heading: { levels: [2, 3] },
    link: { openOnClick: false, autolink: true, defaultProtocol: 'https', isAllowedUri: (url) => LINK.test(url), shouldAutoLink: (url) => LINK.test(url) },
  }),
  TableKit.configure({ table: { resizable: false } }),
  Image.configure({ allowBase64: false }),
];

/** The ProseMirror schema built from `editorExtensions` (built once; it is immutable). */
export const editorSchema = getSchema(editorExtensions);

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Delta = { insert?: unknown; attributes?: Record<string, unknown> }[];

/** y-tiptap stores a mark that may overlap itself as `<name>--<8 base64 chars>`. */
const markName = (attr: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attr)?.[1] ?? attr;

/** Only the attributes the node or mark type declares, and only plain values (the schema throws on others). */
function knownAttrs(declared: Record<string, unknown> | undefined, raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!declared || typeof raw !== 'object' || raw === null) return out;
  for (const [k, v] of Object.entries(raw)) {
    if (!Object.hasOwn(declared, k)) continue;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every((x) => typeof x === 'number'))) out[k] = v;
  }
  return out;
}

function marksOf(attributes: Record<string, unknown> = {}): Mark[] {
  const marks = new Map<string, Mark>();
  for (const [attr, value] of Object.entries(attributes)) {
    const type = Object.hasOwn(editorSchema.marks, markName(attr)) ? editorSchema.marks[markName(attr)] : undefined;
    if (type && !marks.has(type.name)) marks.set(type.name, type.create(knownAttrs(type.spec.attrs, value)));
  }
  return [...marks.values()];
}

/** Wraps runs of inline nodes that sit where blocks belong in paragraphs, so no text floats loose. */
function asBlocks(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  let run: PMNode[] = [];
  const flush = () => {
    if (run.length) out.push(editorSchema.nodes.paragraph!.create(null, run));
    run = [];
  };
  for (const n of nodes) {
    if (n.isInline) {
      run.push(n);
    } else {
      flush();
      out.push(n);
    }
  }
  flush();
  return out;
}

/** Where inline content belongs, a misplaced block contributes its content (leaves such as images stay). */
const asInline = (nodes: readonly PMNode[]): PMNode[] => nodes.flatMap((n) => (n.isInline || n.isLeaf ? [n] : asInline(n.children)));

function convert(y: YNode): PMNode[] {
  if (y instanceof Y.XmlText) {
    return (y.toDelta() as Delta).flatMap((d) => (typeof d.insert === 'string' && d.insert !== '' ? [editorSchema.text(d.insert, marksOf(d.attributes))] : []));
  }
  if (!(y instanceof Y.XmlElement)) return []; // hooks and other shared types are not document content
  const kids = y.toArray().flatMap((c) => convert(c));
  const type = Object.hasOwn(editorSchema.nodes, y.nodeName) ? editorSchema.nodes[y.nodeName] : undefined;
  if (!type || type.name === 'doc' || type.name === 'text') return kids; // unknown wrappers keep their content only
  if (type.isLeaf) return [type.create(knownAttrs(type.spec.attrs, y.getAttributes()))];
  return [type.create(knownAttrs(type.spec.attrs, y.getAttributes()), type.inlineContent ? asInline(kids) : asBlocks(kids))];
}

/**
 * The ProseMirror document held in the Tiptap fragment of a Yjs state (a `Y.encodeStateAsUpdate`),
 * built on `editorSchema`. Unlike y-tiptap's `yXmlFragmentToProseMirrorRootNode`, which deletes
 * from the Y.Doc any element the schema rejects (losing its text), this never throws on what a
 * client wrote: unknown nodes keep their content, unknown marks and attributes are dropped, and
 * stray text is wrapped in paragraphs.
 */
export function loadDocument(state: Uint8Array): PMNode {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const blocks = doc.getXmlFragment(DOCUMENT_FIELD).toArray().flatMap((c) => convert(c));
    return editorSchema.nodes.doc!.create(null, asBlocks(blocks));
  } finally {
    doc.destroy();
  }
}
