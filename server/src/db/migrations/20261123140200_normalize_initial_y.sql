-- Ukrainian names written in Latin letters begin with Ye, Yu, Ya, Yi, Yo (Євген → Yevhen, Юрій → Yurii,
-- Яна → Yana, Їжак → Yizhak, Йосип → Yosyp: the national transliteration at the start of a word), which
-- the letter-by-letter form gave as ie, iu, ia, i, io. A "y" before a vowel at the start of a word now
-- reads as "i" on both sides — in what is stored and in what is typed — so "yurii", "iurii" and "Юрій"
-- meet. Indexes over the normal form are rebuilt and the stored normal forms recomputed.
create or replace function kontakt_normalize(text) returns text
  language sql immutable parallel safe strict
  as $$ select regexp_replace(translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(public.kontakt_unaccent($1)),
      'щ','shch'),'ж','zh'),'х','kh'),'ц','ts'),'ч','ch'),'ш','sh'),'ю','iu'),'я','ia'),'є','ie'),
    'абвгґдезиіїйклмнопрстуфыэёьъ',
    'abvhgdezyiiiklmnoprstufyee'), '(^|[^a-z0-9])y([aeiou])', '\1i\2', 'g') $$;

do $$
declare
  ix record;
begin
  for ix in select schemaname, indexname from pg_indexes where indexdef like '%kontakt_normalize%' loop
    execute format('reindex index %I.%I', ix.schemaname, ix.indexname);
  end loop;
end $$;

-- stored generated columns are computed on write: rewrite the rows to recompute them
update partner set name = name;
update contact set last_name = last_name;

update search_document set
  normalized_title = kontakt_normalize(title),
  tsv = to_tsvector('simple', kontakt_normalize(concat_ws(' ', title, subtitle, body)) || ' ' ||
    regexp_replace(kontakt_normalize(concat_ws(' ', title, subtitle, body)), '([a-z])([0-9])', '\1 \2', 'g'));
