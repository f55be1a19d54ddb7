-- One journal line appended in one statement (issue 13): the chain's head is locked, the line's hash is
-- computed, the line inserted and the head moved, all inside PostgreSQL. It was four round trips from
-- the server, during which the head's row lock was held; the lock is now held for this function and the
-- commit only.
--
-- The hash is the one journal.ts's lineHash computes: SHA-256(previous hash ‖ canonical JSON of the
-- line). The canonical JSON has its keys sorted and "seq" is the last of them, so the server sends the
-- text up to `"seq":` (p_canonical) and the function appends the number it assigns and the closing brace.
create function journal_append(
  p_chain uuid,
  p_at timestamptz,
  p_actor_kind text,
  p_actor_id text,
  p_on_behalf_of uuid,
  p_action text,
  p_resource_type text,
  p_resource_id text,
  p_reason text,
  p_detail jsonb,
  p_canonical text
) returns bigint language plpgsql as $$
declare
  v_seq bigint;
  v_prev bytea;
  v_hash bytea;
begin
  select seq, hash into v_seq, v_prev from journal_head where chain_id = p_chain for update;
  if not found then
    -- A new chain; a concurrent first line waits here for the other transaction to end.
    insert into journal_head (chain_id, seq, hash) values (p_chain, 0, '\x'::bytea || decode(repeat('00', 32), 'hex'))
      on conflict (chain_id) do nothing;
    select seq, hash into v_seq, v_prev from journal_head where chain_id = p_chain for update;
  end if;
  v_seq := v_seq + 1;
  v_hash := sha256(v_prev || convert_to(p_canonical || v_seq::text || '}', 'UTF8'));
  insert into journal (chain_id, seq, at, actor_kind, actor_id, on_behalf_of, action, resource_type, resource_id,
                       reason, detail, prev_hash, hash)
  values (p_chain, v_seq, p_at, p_actor_kind, p_actor_id, p_on_behalf_of, p_action, p_resource_type, p_resource_id,
          p_reason, p_detail, v_prev, v_hash);
  update journal_head set seq = v_seq, hash = v_hash where chain_id = p_chain;
  return v_seq;
end $$;

-- Returns once the WAL is flushed up to a record written now, that is past the commit of any transaction
-- this session ended before (journal.ts withJournal: a transaction committed with synchronous_commit off,
-- so that it releases the chain's head lock without waiting for the disk, then this, so that nothing is
-- answered before that commit is durable). PostgreSQL 17 has a flush argument; before it, a transaction
-- id and a written record make the commit of this call's own transaction wait for the flush.
create function journal_wait_durable() returns void language plpgsql as $$
begin
  if current_setting('server_version_num')::int >= 170000 then
    perform pg_logical_emit_message(false, 'carnet.journal', '', true);
  else
    perform pg_current_xact_id();
    perform pg_logical_emit_message(false, 'carnet.journal', '');
  end if;
end $$;
