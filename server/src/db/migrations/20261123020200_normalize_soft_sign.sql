-- The soft sign (ь) and hard sign (ъ) have no letter in the national transliteration of Ukrainian:
-- "Київська" is "kyivska", as people type it. Indexes over the normal form are rebuilt and the
-- search documents' normal forms recomputed.
create or replace function kontakt_normalize(text) returns text
  language sql immutable parallel safe strict
  as $$ select translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(public.kontakt_unaccent($1)),
      'щ','shch'),'ж','zh'),'х','kh'),'ц','ts'),'ч','ch'),'ш','sh'),'ю','iu'),'я','ia'),'є','ie'),
    'абвгґдезиіїйклмнопрстуфыэёьъ',
    'abvhgdezyiiiklmnoprstufyee') $$;

reindex index partner_name_trgm;
reindex index contact_name_trgm;
reindex index partner_ws_norm_name;
reindex index contact_ws_norm_name;

update search_document set
  normalized_title = kontakt_normalize(title),
  tsv = to_tsvector('simple', kontakt_normalize(concat_ws(' ', title, subtitle, body)) || ' ' ||
    regexp_replace(kontakt_normalize(concat_ws(' ', title, subtitle, body)), '([a-z])([0-9])', '\1 \2', 'g'));
