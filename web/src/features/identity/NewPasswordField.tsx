import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import type { PasswordVerdict } from '../../../../shared/src/credentials';
import { containsPersonalDetails, PERSONAL_DETAILS_RULE } from '../../../../shared/src/password-rules';
import { defineMessages } from '../../i18n/messages';

const m = defineMessages({
  hint: { id: 'identity.newPassword.hint', defaultMessage: 'Votre mot de passe doit :' },
  length: { id: 'identity.newPassword.length', defaultMessage: 'contenir 12 caractères au moins (128 au plus)' },
  personal: {
    id: 'identity.newPassword.personal',
    defaultMessage: 'ne contenir ni votre identifiant, ni votre nom, ni votre prénom',
  },
  hard: { id: 'identity.newPassword.hard', defaultMessage: 'être difficile à deviner' },
  common: {
    id: 'identity.newPassword.common',
    defaultMessage: 'être difficile à deviner : celui-ci est trop courant',
  },
});

type Judge = (password: string, userInputs?: string[]) => PasswordVerdict;
let judgeLoaded: Promise<Judge> | null = null;
/** The password scorer (the same as the server's) is large: it loads only on pages that need it. */
function loadJudge(): Promise<Judge> {
  judgeLoaded ??= import('../../../../shared/src/credentials').then((m) => m.judgePassword);
  return judgeLoaded;
}

/**
 * A new password with its rules shown as they are met: at least 12 characters, not easy to guess
 * (checked against common passwords and French words), not built on the person's own details.
 */
export function NewPasswordField({
  id,
  label,
  value,
  onChange,
  userInputs,
  serverError,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  userInputs: string[];
  serverError?: string;
}) {
  const intl = useIntl();
  const [verdict, setVerdict] = useState<PasswordVerdict | null>(null);
  useEffect(() => {
    let live = true;
    if (!value) {
      setVerdict(null);
      return;
    }
    void loadJudge().then((judge) => live && setVerdict(judge(value, userInputs)));
    return () => {
      live = false;
    };
  }, [value, userInputs]);
  const long = value.length >= 12;
  // Told before any refusal, as the length is: the server refuses the person's own details too.
  const personal = containsPersonalDetails(value, userInputs);
  const others =
    verdict?.messages.filter((text) => !text.includes('12 caractères') && text !== PERSONAL_DETAILS_RULE) ?? [];
  const messages: { severity: 'info' | 'error' | 'valid'; message: string }[] = [
    { severity: !value ? 'info' : long ? 'valid' : 'error', message: intl.formatMessage(m.length) },
    {
      severity: !value ? 'info' : personal ? 'error' : 'valid',
      message: intl.formatMessage(m.personal),
    },
    {
      severity: !verdict || !long || personal ? 'info' : verdict.ok ? 'valid' : 'error',
      message:
        !verdict || !long || personal || verdict.ok
          ? intl.formatMessage(m.hard)
          : others.join(' ') || intl.formatMessage(m.common),
    },
  ];
  if (serverError) messages.push({ severity: 'error', message: serverError });
  return (
    <PasswordInput
      label={label}
      messagesHint={intl.formatMessage(m.hint)}
      messages={messages}
      nativeInputProps={{
        id,
        value,
        onChange: (e) => onChange(e.target.value),
        autoComplete: 'new-password',
        maxLength: 128,
        required: true,
      }}
    />
  );
}
