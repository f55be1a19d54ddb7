import { describe, expect, it } from 'vitest';
import { errorCatalog, type ErrorCode } from './errors.js';
import { errorMessage, errorMessagesEn, localizedMessage } from './errors.en.js';
import { localeFromAcceptLanguage } from './locale.js';

describe('the English error catalog', () => {
  it('has an English message for every error code, different from the French one', () => {
    const codes = Object.keys(errorCatalog) as ErrorCode[];
    const missing = codes.filter((c) => !errorMessagesEn[c]?.trim());
    expect(missing, 'codes without English in shared/src/errors.en.ts').toEqual([]);
    const untranslated = codes.filter((c) => errorMessagesEn[c] === errorCatalog[c].message);
    expect(untranslated).toEqual([]);
    const stray = Object.keys(errorMessagesEn).filter((c) => !(c in errorCatalog));
    expect(stray).toEqual([]);
  });

  it('answers in French by default and in English when asked', () => {
    expect(errorMessage('CODE_INVALID', 'fr')).toBe(errorCatalog.CODE_INVALID.message);
    expect(errorMessage('CODE_INVALID', 'en')).toBe('The code entered is wrong. Check it and try again.');
    expect(localizedMessage('VALIDATION_FAILED', "Ce numéro de téléphone n'est pas valide.", 'en')).toBe(
      'This phone number is not valid.',
    );
    // An unknown French detail is not shown in an English page: the code's English is.
    expect(localizedMessage('FORBIDDEN', 'Une phrase sans traduction.', 'en')).toBe(errorMessagesEn.FORBIDDEN);
    expect(localizedMessage('FORBIDDEN', 'Une phrase sans traduction.', 'fr')).toBe('Une phrase sans traduction.');
  });

  it('reads Accept-Language by quality', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE,fr;q=0.5,en;q=0.4')).toBe('fr');
    expect(localeFromAcceptLanguage('fr;q=0.2, en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('de, es')).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});
