-- A partner merged into another points at the one kept, so events about it that the timeline consumer
-- projects after the merge land on the kept partner's timeline (followed while the partner is in the trash).
-- No foreign key: the pointer may outlive the kept partner when that one is deleted for good.
alter table partner add column merged_into uuid;
