import type {
  AllergyIntolerance,
  AuditEvent,
  Binary,
  Communication,
  Condition,
  Consent,
  DocumentReference,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  RelatedPerson,
} from 'fhir/r4';
import { contactRoles, donationStances, frequencies } from '../../../../shared/src/medical.js';
import { bloodPressure, measureKinds, type MeasureKind } from '../../../../shared/src/measures.js';
import * as c from './fhir.codes.js';

/** Row → FHIR R4 resource, one function per resource type. Ids are Carnet's own (uuids), kept on import. */

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });

export interface PersonRow {
  id: string;
  nir: string | null;
  birth_name: string;
  first_names: string;
  used_first_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  birth_place_insee: string | null;
}

/** Patient, FR Core fr-core-patient-ins: INS-NIR, identity reliability, birth place with its INSEE code. */
export function patientResource(p: PersonRow): Patient {
  const given = p.first_names.split(/\s+/).filter(Boolean);
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { profile: [c.PATIENT_INS_PROFILE] },
    extension: [
      {
        // The identity comes from the insurer's enrolment and was checked with the Carte Vitale at activation.
        url: c.IDENTITY_RELIABILITY,
        extension: [
          {
            url: 'identityStatus',
            valueCoding: { system: c.IDENTITY_STATUS_SYSTEM, code: 'VALI', display: 'Identité validée' },
          },
        ],
      },
      {
        url: c.BIRTH_PLACE_EXT,
        valueAddress: {
          ...(p.birth_place_insee
            ? {
                extension: [
                  { url: c.INSEE_CODE_EXT, valueCoding: { system: c.INSEE_SYSTEM, code: p.birth_place_insee } },
                ],
              }
            : {}),
          country: 'FRA',
        },
      },
    ],
    identifier: p.nir
      ? [
          {
            use: 'official',
            type: { coding: [{ system: c.V2_0203, code: 'INS-NIR' }] },
            system: c.INS_NIR,
            value: p.nir,
          },
        ]
      : [],
    name: [
      {
        use: 'official',
        family: p.birth_name,
        given: given.slice(0, 1),
        extension: [{ url: c.BIRTH_LIST_GIVEN_NAME, valueString: p.first_names }],
      },
      { use: 'usual', given: [p.used_first_name] },
    ],
    gender: p.sex === 'M' ? 'male' : 'female',
    birthDate: p.birth_date,
  };
}

/** Europe/Paris offset of a local time, so that a typed local time becomes a FHIR dateTime (zone required). */
export function parisDateTime(local: string): string {
  const [date, time = '00:00'] = local.split('T');
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((x) => x.type === t)!.value);
  const asParis = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
  const minutes = Math.round((asParis - guess.getTime()) / 60_000);
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface MeasureRowLike {
  id: string;
  kind: string;
  loinc: string;
  ucum: string;
  value: string | number;
  value2: string | number | null;
  moment: string | null;
  measured_at: string;
}

const quantity = (value: number, ucum: string) => ({ value, unit: ucum, system: c.UCUM, code: ucum });

/** Observation of one stored measure, ANS Mesures 3.1.0 profile, LOINC and UCUM as stored. */
export function observationResource(patientId: string, m: MeasureRowLike): Observation {
  const kind = m.kind as Exclude<MeasureKind, 'bmi'>;
  const base: Observation = {
    resourceType: 'Observation',
    id: m.id,
    meta: { profile: [c.measureProfiles[kind]] },
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'vital-signs',
            display: 'Vital Signs',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: c.LOINC, code: m.loinc, display: measureKinds[kind].label }],
      text: measureKinds[kind].label,
    },
    subject: ref('Patient', patientId),
    effectiveDateTime: parisDateTime(m.measured_at),
  };
  if (kind === 'bloodPressure') {
    base.component = [
      {
        code: { coding: [{ system: c.LOINC, code: bloodPressure.systolic.loinc }] },
        valueQuantity: quantity(Number(m.value), m.ucum),
      },
      {
        code: { coding: [{ system: c.LOINC, code: bloodPressure.diastolic.loinc }] },
        valueQuantity: quantity(Number(m.value2), m.ucum),
      },
    ];
  } else base.valueQuantity = quantity(Number(m.value), m.ucum);
  if (m.moment) base.method = { coding: [{ system: c.CARNET_MOMENT, code: m.moment }] };
  return base;
}

export interface ItemRowLike {
  id: string;
  kind: string;
  data: unknown;
  created_at: Date;
}

export function conditionResource(patientId: string, r: ItemRowLike): Condition {
  const d = r.data as Data;
  return {
    resourceType: 'Condition',
    id: r.id,
    subject: ref('Patient', patientId),
    code: { text: String(d.name) },
    recordedDate: r.created_at.toISOString(),
    ...(str(d.since) ? { onsetDateTime: str(d.since) } : {}),
    ...(str(d.note) ? { note: [{ text: str(d.note)! }] } : {}),
  };
}

export function medicationResource(patientId: string, r: ItemRowLike): MedicationStatement {
  const d = r.data as Data;
  const freq = str(d.frequency) as keyof typeof frequencies | undefined;
  const dosage =
    str(d.dose) || freq
      ? [
          {
            ...(str(d.dose) ? { text: str(d.dose) } : {}),
            ...(freq
              ? { timing: { code: { coding: [{ system: c.CARNET_FREQUENCY, code: freq }], text: frequencies[freq] } } }
              : {}),
          },
        ]
      : undefined;
  return {
    resourceType: 'MedicationStatement',
    id: r.id,
    status: str(d.endDate) && String(d.endDate) < new Date().toISOString().slice(0, 10) ? 'completed' : 'active',
    subject: ref('Patient', patientId),
    medicationCodeableConcept: { text: String(d.name) },
    dateAsserted: r.created_at.toISOString(),
    ...(str(d.startDate) || str(d.endDate)
      ? {
          effectivePeriod: {
            ...(str(d.startDate) ? { start: str(d.startDate) } : {}),
            ...(str(d.endDate) ? { end: str(d.endDate) } : {}),
          },
        }
      : {}),
    ...(dosage ? { dosage } : {}),
    ...(str(d.conditionId) ? { reasonReference: [ref('Condition', String(d.conditionId))] } : {}),
  };
}

/** Text of a reaction whose severity alone was given (FHIR requires a manifestation). */
export const UNSPECIFIED_REACTION = 'Réaction non précisée';

export function allergyResource(patientId: string, r: ItemRowLike): AllergyIntolerance {
  const d = r.data as Data;
  const severity = str(d.severity) as 'mild' | 'moderate' | 'severe' | undefined;
  return {
    resourceType: 'AllergyIntolerance',
    id: r.id,
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
    },
    patient: ref('Patient', patientId),
    code: { text: String(d.substance) },
    recordedDate: r.created_at.toISOString(),
    ...(str(d.reaction) || severity
      ? {
          reaction: [
            { manifestation: [{ text: str(d.reaction) ?? UNSPECIFIED_REACTION }], ...(severity ? { severity } : {}) },
          ],
        }
      : {}),
  };
}

export function immunizationResource(patientId: string, r: ItemRowLike): Immunization {
  const d = r.data as Data;
  return {
    resourceType: 'Immunization',
    id: r.id,
    status: 'completed',
    patient: ref('Patient', patientId),
    vaccineCode: { text: String(d.vaccine) },
    occurrenceDateTime: String(d.date),
    ...(str(d.batch) ? { lotNumber: str(d.batch) } : {}),
    ...(str(d.vaccinator) ? { performer: [{ actor: { display: str(d.vaccinator) } }] } : {}),
    ...(typeof d.doseNumber === 'number' ? { protocolApplied: [{ doseNumberPositiveInt: d.doseNumber }] } : {}),
  };
}

export function relatedPersonResource(patientId: string, r: ItemRowLike): RelatedPerson {
  const d = r.data as Data;
  const role = String(d.role) as keyof typeof contactRoles;
  const telecom = [
    ...(str(d.phone) ? [{ system: 'phone' as const, value: str(d.phone), rank: 1 }] : []),
    ...(str(d.phone2) ? [{ system: 'phone' as const, value: str(d.phone2), rank: 2 }] : []),
    ...(str(d.email) ? [{ system: 'email' as const, value: str(d.email) }] : []),
  ];
  return {
    resourceType: 'RelatedPerson',
    id: r.id,
    patient: ref('Patient', patientId),
    relationship: [
      { coding: [{ system: c.CARNET_CONTACT_ROLE, code: role }], text: contactRoles[role] },
      ...(str(d.relation) ? [{ text: str(d.relation) }] : []),
    ],
    name: [{ text: String(d.name) }],
    ...(telecom.length ? { telecom } : {}),
    ...(str(d.address) ? { address: [{ text: str(d.address) }] } : {}),
  };
}

export interface WishesRowLike {
  directives: string | null;
  directives_updated_at: Date | null;
  donation_stance: 'favorable' | 'opposed' | 'undecided' | null;
  donation_note: string | null;
  updated_at: Date;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Consents: the advance directives (LOINC 75320-2) and the organ donation stance (Carnet's code). */
export function consentResources(patientId: string, w: WishesRowLike): Consent[] {
  const out: Consent[] = [];
  if (w.directives) {
    out.push({
      resourceType: 'Consent',
      id: `${patientId.slice(0, 24)}directives`.slice(0, 64),
      status: 'active',
      scope: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentscope',
            code: 'adr',
            display: 'Advanced Care Directive',
          },
        ],
      },
      category: [{ coding: [{ system: c.LOINC, code: '75320-2', display: 'Advance directive' }] }],
      patient: ref('Patient', patientId),
      dateTime: (w.directives_updated_at ?? w.updated_at).toISOString(),
      policyRule: { text: 'Code de la santé publique, article L1111-11' },
      sourceAttachment: { contentType: 'text/plain; charset=utf-8', data: b64(w.directives) },
    });
  }
  if (w.donation_stance) {
    out.push({
      resourceType: 'Consent',
      id: `${patientId.slice(0, 24)}organ-donation`.slice(0, 64),
      status: w.donation_stance === 'undecided' ? 'proposed' : 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
      category: [
        {
          coding: [{ system: c.CARNET_CONSENT, code: `organ-donation-${w.donation_stance}` }],
          text: donationStances[w.donation_stance],
        },
      ],
      patient: ref('Patient', patientId),
      dateTime: w.updated_at.toISOString(),
      policyRule: { text: 'Code de la santé publique, article L1232-1' },
      ...(w.donation_stance !== 'undecided'
        ? { provision: { type: w.donation_stance === 'favorable' ? 'permit' : 'deny' } }
        : {}),
      ...(w.donation_note
        ? { sourceAttachment: { contentType: 'text/plain; charset=utf-8', data: b64(w.donation_note) } }
        : {}),
    });
  }
  return out;
}

export interface DocumentRowLike {
  id: string;
  title: string;
  category: string;
  document_date: string | null;
  mime_type: string;
  size_bytes: number;
  file_name: string;
  type_code: string | null;
  space: 'health' | 'admin';
  author_kind: string;
  hidden_from_professionals: boolean;
  hidden_from_representatives: boolean;
  invisible_to_patient: boolean;
  created_at: Date;
}

/** DocumentReference (PDSm-shaped: type code, category, visibility labels, size, SHA-1) pointing at its Binary. */
export function documentReferenceResource(patientId: string, d: DocumentRowLike, sha1: string): DocumentReference {
  const labels = [
    ...(d.hidden_from_professionals ? ['MASQUE_PS'] : []),
    ...(d.hidden_from_representatives ? ['INVISIBLE_REPRESENTANTS_LEGAUX'] : []),
    ...(d.invisible_to_patient ? ['INVISIBLE_PATIENT'] : []),
  ];
  const day = d.document_date ?? d.created_at.toISOString().slice(0, 10);
  return {
    resourceType: 'DocumentReference',
    id: d.id,
    meta: { profile: [c.PDSM_DOCREF] },
    status: 'current',
    ...(d.type_code ? { type: { coding: [{ system: c.LOINC, code: d.type_code }] } } : {}),
    category: [{ coding: [{ system: c.CARNET_CATEGORY, code: d.category }] }],
    subject: ref('Patient', patientId),
    date: d.created_at.toISOString(),
    author: [
      d.author_kind === 'patient'
        ? ref('Patient', patientId)
        : { display: d.author_kind === 'import' ? 'Import Assurance Maladie' : 'Professionnel de santé' },
    ],
    custodian: { display: 'Carnet' },
    description: d.title,
    ...(labels.length
      ? { securityLabel: labels.map((code) => ({ coding: [{ system: c.VISIBILITY_SYSTEM, code }] })) }
      : {}),
    content: [
      {
        attachment: {
          contentType: d.mime_type,
          url: `Binary/${d.id}`,
          size: d.size_bytes,
          hash: sha1,
          title: d.file_name,
          creation: day,
        },
      },
    ],
    context: {
      period: { start: day },
      ...(d.space === 'admin' ? { practiceSetting: { coding: [{ system: c.CARNET_CATEGORY, code: 'admin' }] } } : {}),
    },
  };
}

export function binaryResource(id: string, contentType: string, data: Buffer, patientId: string): Binary {
  return {
    resourceType: 'Binary',
    id,
    contentType,
    securityContext: ref('Patient', patientId),
    data: data.toString('base64'),
  };
}

export interface JournalRowLike {
  seq: string | number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  reason: string;
}

/** AuditEvent of one journal line (the line's own words: who, what, when, why). */
export function auditEventResource(patientId: string, j: JournalRowLike): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: `${patientId.slice(0, 8)}-j${j.seq}`,
    type: { system: 'http://dicom.nema.org/resources/ossdicom/DCM', code: '110110', display: 'Patient Record' },
    subtype: [{ system: 'urn:carnet:journal-action', code: j.action }],
    recorded: j.at.toISOString(),
    outcome: j.action.endsWith('refused') || j.action.endsWith('failed') ? '4' : '0',
    ...(j.reason === 'emergency'
      ? {
          purposeOfEvent: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }] },
          ],
        }
      : {}),
    agent: [
      {
        type: { text: j.actor_kind },
        who: { display: j.actor_kind, ...(j.actor_id ? { identifier: { value: j.actor_id } } : {}) },
        requestor: true,
      },
    ],
    source: { observer: { display: 'Carnet' } },
    entity: [
      {
        what: ref('Patient', patientId),
        ...(j.resource_type ? { type: { system: 'urn:carnet:resource', code: j.resource_type } } : {}),
      },
    ],
  };
}

/** The security labels of a message of a confidential exchange: restricted, hidden from legal representatives. */
export const CONFIDENTIAL_LABELS = [
  { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
  { system: c.VISIBILITY_SYSTEM, code: 'INVISIBLE_REPRESENTANTS_LEGAUX' },
];

export interface MessageRowLike {
  id: string;
  direction: 'to_patient' | 'to_professional';
  sent_at: Date;
  read_at: Date | null;
  author_name: string | null;
  /** A confidential exchange with a minor: representatives never see it (labelled, kept so on import). */
  confidential?: boolean;
  pro_rpps: string;
  pro_first_name: string;
  pro_last_name: string;
}

/**
 * Communication of one message of the secure messaging: the professional named by their RPPS (as the
 * national identifier IDNPS, 8 + RPPS), the patient by reference; subject as topic, body as payload;
 * `inResponseTo` the message before it in the same conversation, so the thread can be rebuilt.
 */
export function communicationResource(
  patientId: string,
  m: MessageRowLike,
  text: { subject: string; body: string },
  previousId: string | null,
): Communication {
  const pro = {
    display: `${m.pro_first_name} ${m.pro_last_name}`.trim(),
    identifier: { system: c.IDNPS, value: `8${m.pro_rpps}` },
  };
  const patient = ref('Patient', patientId);
  const toPatient = m.direction === 'to_patient';
  return {
    resourceType: 'Communication',
    id: m.id,
    ...(m.confidential ? { meta: { security: CONFIDENTIAL_LABELS } } : {}),
    status: 'completed',
    subject: patient,
    ...(previousId ? { inResponseTo: [ref('Communication', previousId)] } : {}),
    topic: { text: text.subject },
    sent: m.sent_at.toISOString(),
    ...(m.read_at ? { received: m.read_at.toISOString() } : {}),
    sender: toPatient ? pro : { ...patient, ...(m.author_name ? { display: m.author_name } : {}) },
    recipient: [toPatient ? patient : pro],
    payload: [{ contentString: text.body }],
  };
}
