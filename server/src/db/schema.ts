import type { ColumnType, Generated } from 'kysely';

/** timestamptz; optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

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
    status: Generated<'enrolled' | 'created' | 'activated' | 'opposed' | 'closed'>;
    created_at: Timestamp;
  };
  account: {
    id: Generated<string>;
    profile_id: string;
    username: string;
    password_hash: string;
    created_at: Timestamp;
  };
  representation: {
    representative_id: string;
    profile_id: string;
    status: Generated<'waiting' | 'validated' | 'refused' | 'ended'>;
    created_at: Timestamp;
  };
  professional: {
    id: Generated<string>;
    rpps: string;
    profession_code: string;
    first_name: string;
    last_name: string;
    specialty: string | null;
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
  };
  journal_head: { chain_id: string; seq: string | number; hash: Buffer };
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
    created_at: Timestamp;
  };
}
