/** Warnings are kept as message keys and worded when shown: in English, in Spanish, and from an older version's text. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { warningsFor } from '../../../lib/algorand/warnings';
import { formatMessage, type LocaleMessages } from '../../../lib/i18n/format-message';
import { wordSentence } from '../../../lib/i18n/words';
import { blockedMessage } from '../../../entrypoints/background/requests/outcomes';
import { ALICE, OWN_ACCOUNTS } from '../../fixtures/algorand/accounts';
import { params, pay, TESTNET_HASH, wtx } from '../../fixtures/algorand/txns';

const english = { getMessage: fakeBrowser.i18n.getMessage, getUILanguage: fakeBrowser.i18n.getUILanguage };
const spanish = JSON.parse(readFileSync(new URL('../../../public/_locales/es/messages.json', import.meta.url), 'utf8')) as LocaleMessages;

function highFeeWarning() {
  const decoded = decodeWalletTransactions([wtx(pay({ sender: ALICE.addr, suggestedParams: params({ fee: 1_234_500n }) }))]);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const [warning] = warningsFor(decoded.value, { ownAccounts: OWN_ACCOUNTS, sessionGenesisHash: TESTNET_HASH, highFeeMicroAlgos: 100_000 });
  return warning!;
}

afterEach(() => {
  fakeBrowser.i18n.getMessage = english.getMessage;
  fakeBrowser.i18n.getUILanguage = english.getUILanguage;
});

describe('warning messages', () => {
  it('are stored as keys and parameters (plain JSON, no sentence in any language)', () => {
    const warning = highFeeWarning();
    expect(warning.message).toEqual({
      key: 'warning_high_fee',
      params: [{ key: 'warning_your_account', params: [ALICE.addr] }, { microAlgos: '1234500' }, { microAlgos: '100000' }],
    });
    expect(JSON.parse(JSON.stringify(warning.message))).toEqual(warning.message);
  });

  it('read in English, the account at the start of the sentence capitalised', () => {
    expect(wordSentence(highFeeWarning().message)).toBe(`Your account ${ALICE.addr} pays a fee of 1.234500 ALGO, more than 0.100000 ALGO.`);
  });

  it('read in Spanish in a Spanish browser, amounts with the Spanish decimal comma', () => {
    fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
      formatMessage(spanish, key, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []).map(String));
    fakeBrowser.i18n.getUILanguage = () => 'es';
    expect(wordSentence(highFeeWarning().message)).toBe(`Tu cuenta ${ALICE.addr} paga una comisión de 1,234500 ALGO, más de 0,100000 ALGO.`);
  });

  it('shows text an older version stored as it is', () => {
    expect(wordSentence('Closes your account X: ALL its remaining ALGO goes to Y.')).toBe('Closes your account X: ALL its remaining ALGO goes to Y.');
  });
});

describe('errors the dApp and the prompt show', () => {
  it('are worded when made, in the browser language: English, then Spanish', () => {
    expect(blockedMessage()).toBe('You blocked this site in Tandem');
    fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
      formatMessage(spanish, key, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []).map(String));
    expect(blockedMessage()).toBe('Bloqueaste este sitio en Tandem');
  });
});
