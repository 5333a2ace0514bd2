/**
 * A pairing failure as the pairing screen words it. The background's messages do not know which
 * wallet app the user chose; the popup does, so a server that refuses Tandem's origin is named after
 * the wallet app whose server it is (the user can tell that app's makers, not "this server").
 */
import { t } from '@/lib/i18n';
import type { ConnectionState } from '@/lib/liquid/types';

type Failure = NonNullable<ConnectionState['failure']>;

export function failureText(failure: Failure, walletName?: string): string {
  if (failure.reason !== 'origin-refused') return failure.message;
  const origin = /\(origin ([^)\s]+)\)/.exec(failure.message)?.[1];
  if (!origin) return failure.message;
  return walletName ? t('failure_origin_refused_named', walletName, origin) : t('failure_origin_refused', origin);
}
