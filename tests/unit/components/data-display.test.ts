import { describe, expect, it } from 'vitest';
import { FOLD_AT, dataRows } from '../../../components/data-display';

describe('dataRows', () => {
  it('pretty-prints JSON one value per row, nested values indented', () => {
    const { rows, json } = dataRows(JSON.stringify({ domain: 'a.example', nested: { uri: 'https://a.example' }, list: [1, true] }));
    expect(json).toBe(true);
    expect(rows).toEqual([
      { depth: 0, label: 'domain', value: '"a.example"' },
      { depth: 0, label: 'nested', value: '' },
      { depth: 1, label: 'uri', value: '"https://a.example"' },
      { depth: 0, label: 'list', value: '[2 items]' },
      { depth: 1, label: '0', value: '1' },
      { depth: 1, label: '1', value: 'true' },
    ]);
  });
  it('folds long values, keeping the whole value', () => {
    const nonce = 'n'.repeat(FOLD_AT + 50);
    const [row] = dataRows(JSON.stringify({ nonce })).rows;
    expect(row!.value).toMatch(/^"n+… \(148 characters\)$/);
    expect(row!.full).toBe(JSON.stringify(nonce));
  });
  it('makes keys and values inert: bidi overrides and invisible characters are shown as visible marks', () => {
    const [row] = dataRows(JSON.stringify({ 'a\u202Eb': 'x\u200By' })).rows;
    expect(row).toEqual({ depth: 0, label: 'a⟨U+202E⟩b', value: '"x⟨U+200B⟩y"' });
  });
  it('shows text that is not JSON line by line', () => {
    expect(dataRows('I agree\nnonce 1')).toEqual({ rows: [{ depth: 0, label: '', value: 'I agree' }, { depth: 0, label: '', value: 'nonce 1' }], json: false, hidden: 0 });
  });
});
