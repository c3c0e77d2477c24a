-- Outgoing mail is delivered by the job queue: a dedupe key makes "send this once" idempotent,
-- attachments travel with the message (base64 in jsonb: [{filename, contentType, content}]).
alter table mail_message add column dedupe_key text;
alter table mail_message add column attachments jsonb;
create unique index mail_message_dedupe on mail_message (dedupe_key);

-- A key limited to a role must never outlive the role: with "set null" a hard-deleted role would
-- turn a limited key into one with all of its user's rights.
alter table api_key drop constraint api_key_role_id_fkey;
alter table api_key add constraint api_key_role_id_fkey foreign key (role_id) references role(id) on delete cascade;
