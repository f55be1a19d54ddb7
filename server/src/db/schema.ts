import type { ColumnType, Generated } from 'kysely';

/** timestamptz; optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type ProfileStatus = 'enrolled' | 'created' | 'activated' | 'opposed' | 'closed';

/** Kysely's view of the tables created by the migrations in ./migrations. */
export interface Database {
  profile: {
    id: Generated<string>;
    nir: string | null;
    birth_name: string;
    first_names: string;
    used_first_name: string;
    sex: 'M' | 'F';
    birth_date: DateOnly;
    birth_place_insee: string | null;
    vitale_serial: string | null;
    email: string | null;
    phone: string | null;
    postal_address: unknown;
    status: Generated<ProfileStatus>;
    created_at: Timestamp;
    holder_id: ColumnType<string | null, string | null | undefined, string | null>;
    code_channel: ColumnType<
      'email' | 'letter' | null,
      'email' | 'letter' | null | undefined,
      'email' | 'letter' | null
    >;
    code_sent_at: NullableTimestamp;
    creation_due_at: NullableTimestamp;
    opposed_at: NullableTimestamp;
    activated_at: NullableTimestamp;
    email_verified_at: NullableTimestamp;
    phone_verified_at: NullableTimestamp;
    enrolment_batch: ColumnType<string | null, string | null | undefined, string | null>;
    closed_at: NullableTimestamp;
    deletion_requested_at: NullableTimestamp;
    archive_until: NullableTimestamp;
    deleted_at: NullableTimestamp;
  };
  provisional_code: {
    id: Generated<string>;
    profile_id: string;
    code_hash: Buffer;
    channel: 'email' | 'sms' | 'letter';
    created_at: Timestamp;
    expires_at: Timestamp;
    failures: Generated<number>;
    used_at: NullableTimestamp;
    revoked_at: NullableTimestamp;
  };
  letter_batch: { id: string; created_at: Timestamp; pages: Generated<number>; blob_key: string | null };
  activation_flow: {
    id_hash: Buffer;
    profile_id: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    decision: 'activate' | 'oppose' | null;
    email: string | null;
    phone: string | null;
    email_verified: Generated<boolean>;
    phone_verified: Generated<boolean>;
    finished_at: NullableTimestamp;
  };
  login_attempt: {
    id_hash: Buffer;
    account_id: string | null;
    purpose: 'login' | 'reset-password';
    created_at: Timestamp;
    expires_at: Timestamp;
    finished_at: NullableTimestamp;
  };
  one_time_code: {
    id: Generated<string>;
    purpose: string;
    bound_to: Buffer;
    channel: 'email' | 'sms';
    destination: string;
    code_hash: Buffer;
    created_at: Timestamp;
    expires_at: Timestamp;
    failures: Generated<number>;
    used_at: NullableTimestamp;
    revoked_at: NullableTimestamp;
  };
  auth_throttle: {
    key: string;
    failures: Generated<number>;
    window_started_at: Timestamp;
    locked_until: NullableTimestamp;
  };
  account: {
    id: Generated<string>;
    profile_id: string;
    username: string;
    password_hash: string;
    created_at: Timestamp;
    locale: ColumnType<'fr' | 'en' | null, 'fr' | 'en' | null | undefined, 'fr' | 'en' | null>;
  };
  representation: {
    representative_id: string;
    profile_id: string;
    status: Generated<'waiting' | 'validated' | 'refused' | 'ended'>;
    created_at: Timestamp;
    declared_at: NullableTimestamp;
    ended_at: NullableTimestamp;
    end_reason: ColumnType<string | null, string | null | undefined, string | null>;
  };
  representative_invitation: {
    id: Generated<string>;
    profile_id: string;
    invited_by: string;
    last_name: string;
    first_name: string;
    birth_date: DateOnly;
    status: Generated<'waiting' | 'validated' | 'refused' | 'cancelled'>;
    representative_id: string | null;
    created_at: Timestamp;
    decided_at: NullableTimestamp;
  };
  caregiving: {
    id: Generated<string>;
    profile_id: string;
    last_name: string;
    first_name: string;
    birth_date: DateOnly;
    ends_on: DateOnly;
    status: Generated<'pending' | 'accepted' | 'refused' | 'expired' | 'ended'>;
    caregiver_id: string | null;
    created_at: Timestamp;
    decided_at: NullableTimestamp;
    ended_at: NullableTimestamp;
    ended_by: string | null;
  };
  professional: {
    id: Generated<string>;
    rpps: string;
    profession_code: string;
    first_name: string;
    last_name: string;
    specialty: string | null;
    created_at: Timestamp;
    structure_name: string | null;
    structure_id: string | null;
    structure_id_kind: 'FINESS' | 'SIRET' | null;
    mssante_address: string | null;
    regulator: Generated<boolean>;
    import_ref: string | null;
    updated_at: Timestamp;
  };
  fhir_client: {
    client_id: string;
    professional_id: string;
    name: string;
    jwk: ColumnType<Record<string, unknown>, string, string>;
    alg: 'RS384' | 'ES384';
    created_at: Generated<Date>;
    revoked_at: NullableTimestamp;
  };
  professional_session: {
    token_hash: Buffer;
    professional_id: string;
    acr: string;
    user_agent: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: ColumnType<Date, Date | string, Date | string>;
    ended_at: NullableTimestamp;
  };
  professional_access: {
    profile_id: string;
    professional_id: string;
    status: 'authorized' | 'blocked';
    since: Timestamp;
    consent_at: NullableTimestamp;
    first_access_at: NullableTimestamp;
    last_access_at: NullableTimestamp;
    administrator: Generated<boolean>;
    role: 'medecin_traitant' | 'sage_femme_referente' | 'pharmacien_correspondant' | null;
    updated_at: Timestamp;
    /** « la synthèse » shared with this professional: the sections chosen (migration 0023), or null. */
    synthesis_sections: string[] | null;
    synthesis_shared_at: NullableTimestamp;
  };
  emergency_setting: {
    profile_id: string;
    samu: Generated<boolean>;
    break_glass: Generated<boolean>;
    hidden_readable: Generated<boolean>;
    updated_at: Timestamp;
  };
  emergency_access: {
    id: Generated<string>;
    profile_id: string;
    professional_id: string;
    mode: 'bris_de_glace' | 'centre_15';
    reason: string;
    started_at: Timestamp;
    ends_at: ColumnType<Date, Date | string, Date | string>;
  };
  notification_setting: {
    profile_id: string;
    messages: Generated<boolean>;
    documents: Generated<boolean>;
    accesses: Generated<'first' | 'every' | 'never'>;
    agenda: Generated<boolean>;
    updated_at: Timestamp;
  };
  access_report: {
    id: Generated<string>;
    profile_id: string;
    journal_seq: ColumnType<string, number | string, number | string>;
    professional_id: string | null;
    reported_by: string;
    description: string;
    status: Generated<'open' | 'closed'>;
    created_at: Timestamp;
  };
  session: {
    token_hash: Buffer;
    account_id: string;
    user_agent: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    ended_at: Timestamp | null;
    ip_prefix: ColumnType<string | null, string | null | undefined, string | null>;
  };
  journal_head: { chain_id: string; seq: string | number; hash: Buffer; signature: Buffer | null };
  journal: {
    chain_id: string;
    seq: string | number;
    at: Timestamp;
    actor_kind: string;
    actor_id: string | null;
    on_behalf_of: string | null;
    action: string;
    resource_type: string | null;
    resource_id: string | null;
    reason: 'normal' | 'emergency';
    detail: ColumnType<Record<string, unknown>, string, string>;
    prev_hash: Buffer;
    hash: Buffer;
  };
  outbox_message: {
    id: Generated<string>;
    channel: 'email' | 'sms';
    recipient: string;
    subject: string | null;
    body: string;
    kind: string;
    status: Generated<'pending' | 'sent' | 'failed'>;
    transport: string | null;
    attempts: Generated<number>;
    last_error: string | null;
    created_at: Timestamp;
    sent_at: Timestamp | null;
  };
  document: {
    id: Generated<string>;
    profile_id: string;
    title: string;
    category: string;
    document_date: DateOnly | null;
    mime_type: string;
    size_bytes: number;
    sha256: Buffer;
    blob_key: string;
    author_kind: 'patient' | 'professional' | 'import';
    author_professional_id: string | null;
    hidden_from_professionals: Generated<boolean>;
    hidden_from_representatives: Generated<boolean>;
    invisible_to_patient: Generated<boolean>;
    created_at: Timestamp;
    type_code: string | null;
    file_name: Generated<string>;
    space: Generated<'health' | 'admin'>;
    import_ref: string | null;
    updated_at: Timestamp;
  };
  document_setting: {
    profile_id: string;
    hide_new_from_professionals: Generated<boolean>;
    updated_at: Timestamp;
  };
  document_upload: {
    blob_key: string;
    profile_id: string;
    writer: string;
    created_at: Timestamp;
  };
  medical_item: {
    id: Generated<string>;
    profile_id: string;
    kind: string;
    data: ColumnType<unknown, string, string>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  measure: {
    id: Generated<string>;
    profile_id: string;
    kind: string;
    loinc: string;
    ucum: string;
    value: ColumnType<string, number, number>;
    value2: ColumnType<string | null, number | null, number | null>;
    moment: string | null;
    measured_at: ColumnType<Date, string, string>;
    created_at: Timestamp;
  };
  medical_wishes: {
    profile_id: string;
    directives: string | null;
    directives_updated_at: NullableTimestamp;
    donation_stance: 'favorable' | 'opposed' | 'undecided' | null;
    donation_note: string | null;
    updated_at: Timestamp;
  };
  care_event: {
    id: Generated<string>;
    profile_id: string;
    care_date: DateOnly;
    kind: string;
    professional: string | null;
    amount_cents: number | null;
    reimbursed_cents: number | null;
    import_ref: string;
    created_at: Timestamp;
  };
  conversation: {
    id: Generated<string>;
    profile_id: string;
    professional_id: string;
    confidential: Generated<boolean>;
    ended_at: NullableTimestamp;
    patient_last_message_id: string | null;
    patient_last_at: NullableTimestamp;
    patient_unread: Generated<number>;
    patient_attachments: Generated<boolean>;
    pro_last_at: NullableTimestamp;
    pro_unread: Generated<number>;
    created_at: Timestamp;
  };
  message: {
    id: Generated<string>;
    conversation_id: string;
    profile_id: string;
    direction: 'to_patient' | 'to_professional';
    dek: Buffer;
    subject_enc: Buffer;
    body_enc: Buffer;
    sent_at: Timestamp;
    read_at: NullableTimestamp;
    author_account_id: string | null;
    author_relation: 'self' | 'representative' | 'caregiver' | null;
    author_name: string | null;
    on_behalf_of_name: string | null;
    attachment_count: Generated<number>;
    hidden_for_patient: Generated<boolean>;
    source: 'web' | 'portal' | 'smtp' | 'import';
    smtp_message_id: string | null;
    relay_status: 'pending' | 'sent' | 'local' | 'failed' | null;
  };
  message_draft: {
    conversation_id: string;
    profile_id: string;
    dek: Buffer;
    subject_enc: Buffer;
    body_enc: Buffer;
    updated_at: Timestamp;
    document_ids: Generated<string[]>;
    synthesis: Generated<boolean>;
  };
  message_draft_file: {
    id: Generated<string>;
    conversation_id: string;
    profile_id: string;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: Buffer;
    blob_key: string;
    compatible: boolean;
    created_at: Generated<Timestamp>;
  };
  message_attachment: {
    id: Generated<string>;
    message_id: string;
    profile_id: string;
    file_name: string;
    mime_type: string;
    size_bytes: number;
    sha256: Buffer;
    blob_key: string;
    compatible: boolean;
    source: 'device' | 'document' | 'admin' | 'synthesis' | 'portal' | 'smtp';
    position: Generated<number>;
  };
  message_upload: {
    blob_key: string;
    profile_id: string;
    writer: string;
    created_at: Timestamp;
  };
  professional_smtp_credential: {
    professional_id: string;
    username: string;
    password_hash: string;
    created_at: Timestamp;
  };
  export_archive: {
    id: Generated<string>;
    profile_id: string;
    requested_by: string;
    status: Generated<'pending' | 'running' | 'ready' | 'failed' | 'expired'>;
    progress: Generated<number>;
    blob_keys: Generated<string[]>;
    size_bytes: ColumnType<string | null, number | null | undefined, number | null>;
    created_at: Timestamp;
    ready_at: NullableTimestamp;
    expires_at: NullableTimestamp;
    fetched_at: NullableTimestamp;
  };
  export_ticket: {
    token_hash: Buffer;
    archive_id: string;
    profile_id: string;
    expires_at: ColumnType<Date, Date | string, Date | string>;
    used_at: NullableTimestamp;
  };
  passkey: {
    id: Generated<string>;
    account_id: string;
    credential_id: string;
    public_key: Buffer;
    counter: ColumnType<string, number | string | undefined, number | string>;
    transports: ColumnType<string[], string[] | undefined, string[]>;
    device_type: string;
    backed_up: ColumnType<boolean, boolean | undefined, boolean>;
    name: string;
    created_at: Timestamp;
    last_used_at: NullableTimestamp;
    revoked_at: NullableTimestamp;
  };
  webauthn_challenge: {
    id_hash: Buffer;
    account_id: string | null;
    purpose: 'register' | 'login';
    challenge: string;
    expires_at: ColumnType<Date, Date, Date>;
    used_at: NullableTimestamp;
  };
  rate_limit_hit: { key: string; hits: number; window_ends_at: Timestamp };
  oidc_record: {
    model: string;
    id: string;
    payload: ColumnType<Record<string, unknown>, string, string>;
    grant_id: string | null;
    user_code: string | null;
    uid: string | null;
    expires_at: NullableTimestamp;
    consumed_at: NullableTimestamp;
  };
  oidc_signing_key: { id: string; sealed: Buffer; created_at: Generated<Date> };
}
