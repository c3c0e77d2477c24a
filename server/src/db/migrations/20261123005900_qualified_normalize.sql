-- Index builds run with a safe search_path (PostgreSQL 17): the search normal form must name the
-- schema of the function it calls, or expression indexes over it cannot be built.
create or replace function kontakt_normalize(text) returns text
  language sql immutable parallel safe strict
  as $$ select translate(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(
      lower(public.kontakt_unaccent($1)),
      'щ','shch'),'ж','zh'),'х','kh'),'ц','ts'),'ч','ch'),'ш','sh'),'ю','iu'),'я','ia'),'є','ie'),
    'абвгґдезиіїйклмнопрстуфыэьъё',
    'abvhgdezyiiiklmnoprstufyeyye') $$;
