import { http } from '../../api';
import type { CareEventView, ItemKind, ItemView, SynthesisSection, WishesView } from '../../../../shared/src/medical.js';
import type { MeasureInput, MeasureKind, MeasureValue, TypedMeasureKind } from '../../../../shared/src/measures.js';

export interface MedicalSummary {
  birthDate: string;
  isMinor: boolean;
  counts: Record<ItemKind, number>;
  latest: Record<ItemKind, ItemView[]>;
  measures: MeasureValue[];
  wishes: WishesView;
  careCount: number;
  latestCare: string | null;
}

const base = (profileId: string) => `/api/profiles/${profileId}/medical`;

/** The medical profile's API, always for the open profile's id. */
export const medicalApi = {
  summary: (profileId: string) => http.get<MedicalSummary>(base(profileId)),
  list: (profileId: string, kind: ItemKind) => http.get<{ items: ItemView[] }>(`${base(profileId)}/${kind}`),
  create: (profileId: string, kind: ItemKind, data: Record<string, unknown>) => http.post<{ item: ItemView }>(`${base(profileId)}/${kind}`, data),
  update: (profileId: string, kind: ItemKind, id: string, data: Record<string, unknown>) => http.put<{ item: ItemView }>(`${base(profileId)}/${kind}/${id}`, data),
  remove: (profileId: string, kind: ItemKind, id: string) => http.delete<void>(`${base(profileId)}/${kind}/${id}`),
  history: (profileId: string, kind: MeasureKind, range: { from?: string; to?: string } = {}) => {
    const q = new URLSearchParams(Object.entries(range).filter(([, v]) => v) as [string, string][]).toString();
    return http.get<{ birthDate: string; values: MeasureValue[] }>(`${base(profileId)}/measures/${kind}${q ? `?${q}` : ''}`);
  },
  addMeasure: (profileId: string, kind: TypedMeasureKind, input: MeasureInput) => http.post<{ value: MeasureValue }>(`${base(profileId)}/measures/${kind}`, input),
  updateMeasure: (profileId: string, kind: TypedMeasureKind, id: string, input: MeasureInput) => http.put<{ value: MeasureValue }>(`${base(profileId)}/measures/${kind}/${id}`, input),
  removeMeasure: (profileId: string, kind: TypedMeasureKind, id: string) => http.delete<void>(`${base(profileId)}/measures/${kind}/${id}`),
  wishes: (profileId: string) => http.get<WishesView>(`${base(profileId)}/wishes`),
  saveWishes: (profileId: string, body: Partial<Pick<WishesView, 'directives' | 'donationStance' | 'donationNote'>>) => http.put<WishesView>(`${base(profileId)}/wishes`, body),
  care: (profileId: string, query: { from?: string; to?: string; kind?: string }) => {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
    return http.get<{ events: CareEventView[]; kinds: string[] }>(`${base(profileId)}/care${q ? `?${q}` : ''}`);
  },
  synthesisUrl: (profileId: string, sections: SynthesisSection[]) => `${base(profileId)}/synthesis.pdf?sections=${sections.join(',')}`,
};
