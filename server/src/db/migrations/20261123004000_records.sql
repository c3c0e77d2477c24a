-- Records engine: indexes for the org unit tree (children, relation filters) and for saved views per owner.
create index if not exists org_unit_ws_parent on org_unit (workspace_id, parent_id);
create index if not exists saved_view_ws_owner on saved_view (workspace_id, owner_id, entity);
create index if not exists custom_field_ws_entity on custom_field (workspace_id, entity, position);
