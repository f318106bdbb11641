type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A referral as a reader names it: the provider and their kind, or the kind alone while nobody is named. */
export function referralName(t: Translate, kind: string, provider: string | null): string {
  const kindLabel = t(`threat.providerKinds.${kind}`, { defaultValue: kind });
  return provider ? `${provider} (${kindLabel})` : `${kindLabel} (${t('threat.referrals.noProvider')})`;
}
