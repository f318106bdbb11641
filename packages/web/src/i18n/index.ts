import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/client';
import { contractLabels } from './contract-labels';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'forefront.language';

// Each language is its own chunk, so a reader downloads only the one they read.
const loaders: Record<LanguageCode, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./en.json'),
  es: () => import('./es.json'),
};

function isLanguage(value: unknown): value is LanguageCode {
  return LANGUAGES.some((l) => l.code === value);
}

function readStoredLanguage(): LanguageCode | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage can be disabled (private mode, policy); fall back to the browser
  }
}

export function detectLanguage(): LanguageCode {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages ?? [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

async function ensureLoaded(lang: LanguageCode): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  const { default: resources } = await loaders[lang]();
  i18next.addResourceBundle(lang, 'translation', resources, true, true);
  // Behavior, action, purpose, location, flag and clause names come from the contract.
  i18next.addResourceBundle(lang, 'translation', contractLabels(lang), true, true);
}

function applyToDocument(lang: LanguageCode): void {
  document.documentElement.lang = lang;
  setRequestLanguage(lang);
}

export async function initI18n(): Promise<typeof i18next> {
  const lang = detectLanguage();
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
  });
  // Only the chosen language is fetched; i18n.test.ts keeps both files complete, so no fallback is needed.
  await ensureLoaded(lang);
  applyToDocument(lang);
  return i18next;
}

export async function changeLanguage(lang: LanguageCode): Promise<void> {
  await ensureLoaded(lang);
  await i18next.changeLanguage(lang);
  applyToDocument(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the choice still holds for this visit
  }
}
