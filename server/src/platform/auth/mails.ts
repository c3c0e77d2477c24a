// Texts of the mails the platform sends, in the recipient's language.
type Locale = 'en' | 'ro' | 'pl' | 'hu' | 'uk';

const RESET: Record<Locale, { subject: string; body: (name: string, link: string) => string }> = {
  en: {
    subject: 'Reset your Kontakt CRM password',
    body: (n, l) => `Hello ${n},\n\nopen this link to choose a new password (valid for one hour):\n${l}\n\nIf you did not ask for it, ignore this e-mail.`,
  },
  ro: {
    subject: 'Resetați parola Kontakt CRM',
    body: (n, l) => `Bună ziua, ${n},\n\ndeschideți acest link pentru a alege o parolă nouă (valabil o oră):\n${l}\n\nDacă nu ați cerut-o, ignorați acest e-mail.`,
  },
  pl: {
    subject: 'Zresetuj hasło do Kontakt CRM',
    body: (n, l) => `Dzień dobry, ${n},\n\notwórz ten link, aby ustawić nowe hasło (ważny przez godzinę):\n${l}\n\nJeśli to nie Ty, zignoruj tę wiadomość.`,
  },
  hu: {
    subject: 'Kontakt CRM jelszó visszaállítása',
    body: (n, l) => `Kedves ${n}!\n\nAz új jelszó megadásához nyissa meg ezt a hivatkozást (egy óráig érvényes):\n${l}\n\nHa nem Ön kérte, hagyja figyelmen kívül ezt a levelet.`,
  },
  uk: {
    subject: 'Скидання пароля Kontakt CRM',
    body: (n, l) => `Вітаємо, ${n}!\n\nВідкрийте це посилання, щоб задати новий пароль (дійсне одну годину):\n${l}\n\nЯкщо ви цього не просили, проігноруйте цей лист.`,
  },
};

const pick = (locale: string): Locale => (locale in RESET ? (locale as Locale) : 'en');

export function resetPasswordMail(locale: string, name: string, link: string) {
  const t = RESET[pick(locale)];
  return { subject: t.subject, text: t.body(name, link) };
}
