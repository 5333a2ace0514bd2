/**
 * A stored `Message` worded in the reader's language: its parameters first (an amount in the
 * locale's digits, a nested message in words), then the message. Text stored by an earlier
 * version of Tandem, before messages were kept as keys, is shown as it was stored.
 */
import { formatAlgos } from '../algorand/format';
import { t, type Message, type MessageParam } from './index';

function wordParam(param: MessageParam): string {
  if (typeof param === 'string') return param;
  if ('microAlgos' in param) return formatAlgos(BigInt(param.microAlgos));
  return wordMessage(param);
}

export function wordMessage(message: Message | string): string {
  if (typeof message === 'string') return message;
  return t(message.key, ...(message.params ?? []).map(wordParam));
}

/** The same, with the first letter made a capital (a message that begins with a parameter). */
export function wordSentence(message: Message | string): string {
  const text = wordMessage(message);
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
