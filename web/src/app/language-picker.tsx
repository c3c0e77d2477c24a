import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from './i18n.ts';

/** Language choice for pages before sign-in (signed-in users change it in the user menu). */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('user.language')}
      data-testid="language-picker"
      w={160}
      size="xs"
      value={i18n.language}
      onChange={(value) => value && void setLanguage(value)}
      data={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      allowDeselect={false}
    />
  );
}
