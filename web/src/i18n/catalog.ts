import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * Reads the web app's sources (run by catalog.test.ts and `npx tsx scripts/check-web-messages.ts [folder]`, not
 * bundled): the messages they define, and the user-visible text they still write outside a message.
 */

export const WEB_SRC = path.resolve(import.meta.dirname, '..');
export const ENGLISH_DIR = path.join(import.meta.dirname, 'en');

export interface FoundMessage {
  id: string;
  defaultMessage: string;
  file: string;
  line: number;
}

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** Source files of the web app that people see the output of (tests and the i18n folder itself left out). */
export function sourceFiles(under = WEB_SRC): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== import.meta.dirname) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) out.push(full);
    }
  };
  walk(under);
  return out.sort();
}

/** Attributes whose string is not text for people (classes, targets, kinds…). */
const NOT_TEXT_ATTRIBUTES = new Set([
  'className',
  'id',
  'key',
  'to',
  'href',
  'src',
  'type',
  'name',
  'autoComplete',
  'iconId',
  'severity',
  'priority',
  'size',
  'role',
  'as',
  'htmlFor',
  'method',
  'accept',
  'inputMode',
  'pattern',
  'rel',
  'target',
  'lang',
  'variant',
  'mode',
  'form',
  'd',
  'viewBox',
  'fill',
  'stroke',
  'textAnchor',
  'dominantBaseline',
  'transform',
  'preserveAspectRatio',
  'xmlns',
  'focusable',
  'download',
  'enterKeyHint',
  'autoCapitalize',
  'spellCheck',
  'dir',
  'state',
  'iconPosition',
  'nativeInputProps',
  'orientation',
  'small',
  'style',
  'scope',
  'headers',
  'colorScheme',
  'level',
  'status',
  'path',
]);

/** Object properties whose string is shown to people. */
const TEXT_PROPERTIES = new Set([
  'text',
  'label',
  'title',
  'hintText',
  'description',
  'legend',
  'placeholder',
  'message',
  'content',
  'heading',
  'alt',
  'summary',
  'caption',
  'stateRelatedMessage',
  'ariaLabel',
  'aria-label',
  'buttonLabel',
  'linkLabel',
  'children',
]);

const LETTERS = /\p{L}{2,}/u;
const LOOKS_LIKE_PROSE = /\p{L}\s+\p{L}|[À-ɏ]/u;

function stringText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

/** Reads one file: its messages and its literals. A line `// i18n-exempt: why` exempts the next line. */
export function readSource(file: string): { messages: FoundMessage[]; literals: Literal[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lines = text.split('\n');
  const exempt = (line: number) =>
    /i18n-exempt/.test(lines[line - 2] ?? '') || /i18n-exempt/.test(lines[line - 1] ?? '');
  const messages: FoundMessage[] = [];
  const literals: Literal[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const flag = (node: ts.Node, value: string) => {
    const line = lineOf(node);
    if (!exempt(line)) literals.push({ file, line, text: value.trim().slice(0, 80) });
  };

  const visit = (node: ts.Node, inJsxChild: boolean): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    // A message descriptor: { id: '…', defaultMessage: '…' }.
    if (ts.isObjectLiteralExpression(node)) {
      const props = new Map<string, ts.Expression>();
      for (const p of node.properties)
        if (ts.isPropertyAssignment(p)) {
          const name = propertyName(p.name);
          if (name) props.set(name, p.initializer);
        }
      const id = props.get('id');
      const defaultMessage = props.get('defaultMessage');
      if (id && defaultMessage) {
        const idText = stringText(id);
        const messageText = stringText(defaultMessage);
        if (idText !== null && messageText !== null)
          messages.push({ id: idText, defaultMessage: messageText, file, line: lineOf(node) });
        return;
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      // Not for people: logs, errors for developers, DOM queries, test ids.
      if (
        /^(console\.\w+|document\.querySelector\w*|new Error|[\w.]*\.(startsWith|endsWith|includes|split|replace|match|test|getItem|setItem|removeItem|getAttribute|setAttribute|querySelector\w*|closest|get|has|set|append|delete))$/.test(
          callee,
        )
      )
        return;
      if (callee === 'usePageTitle')
        for (const arg of node.arguments) {
          const value = stringText(arg);
          if (value !== null && LETTERS.test(value)) flag(arg, value);
        }
    }
    if (ts.isJsxText(node)) {
      if (LETTERS.test(node.text)) flag(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      if (
        NOT_TEXT_ATTRIBUTES.has(name) ||
        (/^(data|aria)-/.test(name) && !/^aria-(label|description|valuetext|roledescription)$/.test(name))
      )
        return;
      const init = node.initializer;
      const value = init && (ts.isStringLiteral(init) ? init.text : null);
      if (value !== null && value !== undefined && LETTERS.test(value)) flag(init!, value);
    }
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      const value = stringText(node.initializer);
      if (name && TEXT_PROPERTIES.has(name) && value !== null && LETTERS.test(value)) {
        flag(node.initializer, value);
        return;
      }
      // `type: 'pdf'` is not text; `download: { id, defaultMessage }` (a message named like one) is read below.
      if (name && NOT_TEXT_ATTRIBUTES.has(name) && value !== null) return;
    }
    // Errors for developers: `throw new Error('…')`.
    if (ts.isNewExpression(node) && /^(\w+)?Error$/.test(node.expression.getText(source))) return;
    // A value compared with (`step === 'intro'`) is a value, not text.
    if (
      ts.isBinaryExpression(node) &&
      [
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
      ].includes(node.operatorToken.kind)
    )
      return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const value = stringText(node)!;
      const parent = node.parent;
      const isKey = ts.isPropertyAssignment(parent) && parent.name === node;
      const isType = ts.isLiteralTypeNode(parent);
      const inJsxAttribute = ts.isJsxAttribute(parent);
      const shown = inJsxChild ? LETTERS.test(value) : LOOKS_LIKE_PROSE.test(value) && !/^[\w./:-]+$/.test(value);
      if (!isKey && !isType && !inJsxAttribute && shown) flag(node, value);
      if (!ts.isTemplateExpression(node)) return;
    }
    // A string written among a JSX element's children is shown, one word or more ({ok ? 'Oui' : 'Non'}); inside a
    // call or a nested element it is judged again.
    const childIsShown =
      (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) ||
      (inJsxChild &&
        !ts.isCallExpression(node) &&
        !ts.isJsxElement(node) &&
        !ts.isJsxSelfClosingElement(node) &&
        !ts.isArrowFunction(node));
    ts.forEachChild(node, (child) => visit(child, childIsShown));
  };
  visit(source, false);
  return { messages, literals };
}

export function readAll(under = WEB_SRC): { messages: FoundMessage[]; literals: Literal[] } {
  const messages: FoundMessage[] = [];
  const literals: Literal[] = [];
  for (const file of sourceFiles(under)) {
    const found = readSource(file);
    messages.push(...found.messages);
    literals.push(...found.literals);
  }
  return { messages, literals };
}

/** Every English message, by id, with the file it is in. */
export function readEnglish(): Map<string, { message: string; file: string }> {
  const out = new Map<string, { message: string; file: string }>();
  for (const name of readdirSync(ENGLISH_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const catalog = JSON.parse(readFileSync(path.join(ENGLISH_DIR, name), 'utf8')) as Record<string, string>;
    for (const [id, message] of Object.entries(catalog)) out.set(id, { message, file: name });
  }
  return out;
}

/** The arguments a message takes, with their kind (« {n, plural, …} » → n:plural), sorted. */
export function messageArguments(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) found.add(`${e.value}`);
      else if (e.type === TYPE.number) found.add(`${e.value}:number`);
      else if (e.type === TYPE.date) found.add(`${e.value}:date`);
      else if (e.type === TYPE.time) found.add(`${e.value}:time`);
      else if (e.type === TYPE.plural || e.type === TYPE.select) {
        found.add(`${e.value}:${e.type === TYPE.plural ? 'plural' : 'select'}`);
        for (const option of Object.values(e.options)) walk(option.value);
      } else if (e.type === TYPE.tag) {
        found.add(`<${e.value}>`);
        walk(e.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}
