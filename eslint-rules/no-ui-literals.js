/**
 * tandem/no-ui-literals: a text the user reads, written in a component instead of taken from
 * public/_locales through `t()` (lib/i18n). It reports JSX text, string literals and template
 * literals rendered as children (also as the branches of `a ? 'x' : 'y'` and `a && 'x'`), and the
 * same in the attributes a person reads or hears (aria-label, title, placeholder, alt, …).
 * Only text with a letter in it counts: separators such as " · " or "→" say nothing in a language.
 */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label']);
const LETTER = /\p{L}/u;

/** The string pieces an expression can render as they are written in the source. */
function literalTexts(node) {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [node] : [];
    case 'TemplateLiteral':
      return node.quasis.filter((q) => LETTER.test(q.value.cooked ?? q.value.raw)).map(() => node).slice(0, 1);
    case 'ConditionalExpression':
      return [...literalTexts(node.consequent), ...literalTexts(node.alternate)];
    case 'LogicalExpression':
      return node.operator === '&&' ? literalTexts(node.right) : [...literalTexts(node.left), ...literalTexts(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalTexts(node.left), ...literalTexts(node.right)] : [];
    default:
      return [];
  }
}

const textOf = (node) => (node.type === 'Literal' ? String(node.value) : node.type === 'TemplateLiteral' ? node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('…') : '');

export default {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible text in components comes from messages.json through t() (lib/i18n).' },
    schema: [],
    messages: {
      text: 'Hard-coded UI text "{{text}}": add it to public/_locales/*/messages.json and render t(\'…\') (README, Languages).',
    },
  },
  create(context) {
    const report = (node, text) => {
      if (LETTER.test(text)) context.report({ node, messageId: 'text', data: { text: text.trim().slice(0, 60) } });
    };
    const reportExpression = (expression) => {
      for (const literal of literalTexts(expression)) report(literal, textOf(literal));
    };
    return {
      JSXText(node) {
        report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment') reportExpression(node.expression);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        if (node.value.type === 'Literal') report(node.value, String(node.value.value));
        else if (node.value.type === 'JSXExpressionContainer') reportExpression(node.value.expression);
      },
    };
  },
};
