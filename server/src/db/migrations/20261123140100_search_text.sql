-- Quick search of the big lists: the searchable fields of a partner (name, legal name, tax ID, e-mail)
-- and of a contact (name, position, e-mail) normalised into one column with one trigram index. A word
-- is then looked up in one index (the words of a query intersect there) instead of an OR over one
-- index per field with the normalisation recomputed on every candidate row (100,000 partners:
-- 16–28 ms → under 1 ms). Kept in step with the entities' searchable fields (descriptor searchColumn).
alter table partner add column search_text text generated always as (kontakt_normalize(
  coalesce(name, '') || ' ' || coalesce(legal_name, '') || ' ' || coalesce(tax_id, '') || ' ' || coalesce(email, ''))) stored;
create index partner_search_trgm on partner using gin (search_text gin_trgm_ops);

alter table contact add column search_text text generated always as (kontakt_normalize(
  coalesce(first_name, '') || ' ' || last_name || ' ' || coalesce(position, '') || ' ' || coalesce(email, ''))) stored;
create index contact_search_trgm on contact using gin (search_text gin_trgm_ops);
