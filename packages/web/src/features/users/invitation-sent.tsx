import { useState } from 'react';
import { Button, Label, TextInput } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { InvitationCreated } from '@forefront/contract';
import { Alert } from '../../components/alert';

/**
 * What became of an invitation's e-mail. Sent: a success line. Not sent (no mail server set up, or
 * delivery failed): a warning that says so, and the one-time link for the administrator to pass on
 * themselves, with a copy button.
 */
export function InvitationSent({ invitation }: { invitation: InvitationCreated }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  if (invitation.mail === 'sent' || !invitation.link)
    return <Alert type="success" heading={t('people.invited', { email: invitation.email })} live slim />;
  const link = invitation.link;
  const copy = () => {
    // No clipboard API outside a secure context (plain HTTP): say so, the link can still be selected.
    if (!window.isSecureContext || !('clipboard' in navigator)) return setCopied('failed');
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <Alert
      type="warning"
      heading={t(
        invitation.mail === 'not_configured'
          ? 'hardening.invitation.notConfiguredHeading'
          : 'hardening.invitation.failedHeading',
        { email: invitation.email },
      )}
      live
    >
      <p>
        {t(invitation.mail === 'not_configured' ? 'hardening.invitation.notConfigured' : 'hardening.invitation.failed')}
      </p>
      <Label htmlFor="invitation-link">{t('hardening.invitation.linkLabel', { email: invitation.email })}</Label>
      <TextInput
        id="invitation-link"
        name="invitation-link"
        type="text"
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
      />
      <Button type="button" className="margin-top-1" onClick={copy}>
        {t('hardening.invitation.copy')}
      </Button>
      <span role="status" className="margin-left-1">
        {copied === 'yes'
          ? t('hardening.invitation.copied')
          : copied === 'failed'
            ? t('hardening.invitation.copyFailed')
            : ''}
      </span>
    </Alert>
  );
}
