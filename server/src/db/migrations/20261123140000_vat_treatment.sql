-- S4: how VAT applies to an offer or order, from the seller's (workspace's) country and the buyer's:
-- at home the seller's rates; a company with a VAT ID in another EU country pays none (reverse charge);
-- a buyer outside the seller's VAT area pays none (export). Printed on the document.
alter table offer add column vat_treatment text not null default 'domestic'
  check (vat_treatment in ('domestic', 'reverse_charge', 'export'));
alter table sales_order add column vat_treatment text not null default 'domestic'
  check (vat_treatment in ('domestic', 'reverse_charge', 'export'));
