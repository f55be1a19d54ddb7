-- Head signatures (migration 0012) with the one-statement append (migration 0009): journal_append now
-- returns the line's number and hash, so the server signs the new head with its key (kept outside the
-- database), and clears the previous head's signature as it moves the head: a head is either signed by the
-- server for exactly its (seq, hash) or unsigned, never signed for another state.
drop function journal_append(uuid, timestamptz, text, text, uuid, text, text, text, text, jsonb, text);
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
) returns table (out_seq bigint, out_hash bytea) language plpgsql as $$
declare
  v_seq bigint;
  v_prev bytea;
  v_hash bytea;
begin
  select seq, hash into v_seq, v_prev from journal_head where chain_id = p_chain for update;
  if not found then
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
  update journal_head set seq = v_seq, hash = v_hash, signature = null where chain_id = p_chain;
  return query select v_seq, v_hash;
end $$;
