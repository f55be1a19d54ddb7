import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';

/**
 * Tabs after the WAI-ARIA pattern, drawn as DSFR buttons (the DSFR's own tabs need its script to size their
 * panels): one tab in the Tab order, arrow keys (and Home, End) move between tabs and select them; the
 * panel is labelled by its tab.
 */
export function Tabs<K extends string>({ id, label, tabs, selected, onSelect, children }: { id: string; label: string; tabs: { key: K; label: string }[]; selected: K; onSelect: (k: K) => void; children: ReactNode }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const keyDown = (e: KeyboardEvent, i: number) => {
    const last = tabs.length - 1;
    const next = e.key === 'ArrowRight' ? (i === last ? 0 : i + 1) : e.key === 'ArrowLeft' ? (i === 0 ? last : i - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next]!.key);
    refs.current[next]?.focus();
  };
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <div className={fr.cx('fr-mb-3w')} role="tablist" aria-label={label} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {tabs.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              id={`${id}-tab-${t.key}`}
              className={fr.cx('fr-btn', t.key === selected ? undefined : 'fr-btn--tertiary')}
              role="tab"
              aria-selected={t.key === selected}
              aria-controls={`${id}-panel`}
              tabIndex={t.key === selected ? 0 : -1}
              onClick={() => onSelect(t.key)}
              onKeyDown={(e) => keyDown(e, i)}
            >
              {t.label}
            </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${selected}`}>
        {children}
      </div>
    </div>
  );
}
