import Bowser from 'bowser';

const kinds: Record<string, string> = {
  mobile: 'téléphone',
  tablet: 'tablette',
  desktop: 'ordinateur',
  tv: 'télévision',
};

/**
 * A device as people recognise it, from the browser's user agent (parsed by bowser, which follows the
 * browsers' releases): « Chrome 131 » on « Android 14 (téléphone) ».
 */
export function describeAgent(ua: string | null): { browser: string; system: string } {
  if (!ua) return { browser: 'Navigateur inconnu', system: 'système inconnu' };
  const r = Bowser.parse(ua);
  const browser = [r.browser.name, r.browser.version?.split('.')[0]].filter(Boolean).join(' ') || 'Navigateur inconnu';
  const os = [r.os.name, r.os.versionName ?? r.os.version].filter(Boolean).join(' ') || 'système inconnu';
  const kind = kinds[r.platform.type ?? ''];
  return { browser, system: kind ? `${os} (${kind})` : os };
}

/** « Chrome sur Android »: the name a new passkey gets. */
export function passkeyName(ua: string | undefined): string {
  const r = ua ? Bowser.parse(ua) : null;
  const browser = r?.browser.name ?? 'Navigateur';
  const os = r?.os.name;
  return os ? `${browser} sur ${os}` : browser;
}
