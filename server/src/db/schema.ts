// Generated from the migrated schema by `npm run db:types`; a test fails when it drifts. Do not edit.
import type { ColumnType, Generated } from 'kysely';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Account {
  id: string;
  userId: string;
  accountId: string;
  providerId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  refreshTokenExpiresAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  scope: string | null;
  password: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApiKey {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  prefix: string;
  hash: string;
  roleId: string | null;
  lastUsedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  expiresAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  revokedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
}

export interface Attachment {
  id: string;
  workspaceId: string;
  entity: string | null;
  recordId: string | null;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface AuditLog {
  id: Generated<string>;
  workspaceId: string;
  entity: string;
  recordId: string;
  action: string;
  actorId: string | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  changes: Generated<JsonValue>;
}

export interface AuthAttempt {
  id: string;
  kind: string;
  key: string;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CalendarSetting {
  userId: string;
  workspaceId: string;
  workDays: Generated<JsonValue>;
  workStart: Generated<string>;
  workEnd: Generated<string>;
  feedTokenHash: string | null;
  feedTokenCreatedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Callback {
  id: string;
  workspaceId: string;
  callAt: ColumnType<Date, Date | string, Date | string>;
  note: string | null;
  partnerId: string | null;
  contactId: string | null;
  userId: string | null;
  doneAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Campaign {
  id: string;
  workspaceId: string;
  name: string;
  status: Generated<string>;
  startsOn: string | null;
  endsOn: string | null;
  objective: string | null;
  segment: string | null;
  budget: string | null;
  expectedRevenue: string | null;
  currency: string | null;
  ownerId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Competitor {
  id: string;
  workspaceId: string;
  name: string;
  website: string | null;
  strengths: string | null;
  weaknesses: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface CompetitorLink {
  workspaceId: string;
  competitorId: string;
  entity: string;
  recordId: string;
}

export interface Contact {
  id: string;
  workspaceId: string;
  firstName: string | null;
  lastName: string;
  fullName: Generated<string | null>;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  position: string | null;
  birthday: string | null;
  nameDay: string | null;
  categories: Generated<string[]>;
  messaging: Generated<JsonValue>;
  city: string | null;
  country: string | null;
  consentEmail: Generated<boolean>;
  consentAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ownerId: string | null;
  notes: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  idDocuments: Generated<JsonValue>;
  addresses: Generated<JsonValue>;
  searchText: Generated<string | null>;
}

export interface Contract {
  id: string;
  workspaceId: string;
  number: string;
  title: string;
  partnerId: string;
  contractGroup: string | null;
  value: string | null;
  currency: string | null;
  signedOn: string | null;
  startsOn: string;
  endsOn: string | null;
  renewal: Generated<string>;
  renewalMonths: number | null;
  noticeDays: Generated<number>;
  status: Generated<string>;
  remindedFor: string | null;
  notes: string | null;
  ownerId: string | null;
  orgUnitId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface CustomField {
  id: string;
  workspaceId: string;
  entity: string;
  key: string;
  type: string;
  label: Generated<JsonValue>;
  options: JsonValue | null;
  required: Generated<boolean>;
  position: Generated<number>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface DemoSeed {
  workspaceId: string;
  seededAt: ColumnType<Date, Date | string | undefined, Date | string>;
  counts: Generated<JsonValue>;
}

export interface DocumentLine {
  id: string;
  workspaceId: string;
  documentId: string;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  unit: Generated<string>;
  unitPrice: string;
  discountPercent: Generated<string>;
  vatRate: string;
  net: string;
  vat: string;
  gross: string;
}

export interface Event {
  id: string;
  workspaceId: string;
  kind: Generated<string>;
  subject: string;
  description: string | null;
  startsAt: ColumnType<Date, Date | string | undefined, Date | string>;
  endsAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  minutesSpent: number | null;
  partnerId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  ownerId: string | null;
  isPrivate: Generated<boolean>;
  location: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  rrule: string | null;
  exdates: Generated<JsonValue>;
  timeZone: string | null;
  recurrenceEndsAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  seriesId: string | null;
}

export interface ExchangeRate {
  workspaceId: string;
  currency: string;
  validFrom: string;
  rate: string;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
}

export interface FileBlob {
  sha256: string;
  size: string;
  mimeType: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface GroupRole {
  workspaceId: string;
  groupId: string;
  roleId: string;
}

export interface ImportJob {
  id: string;
  workspaceId: string;
  entity: string;
  fileName: string;
  sha256: string;
  size: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headers: Generated<JsonValue>;
  mapping: JsonValue | null;
  onDuplicate: Generated<string>;
  dryRun: Generated<boolean>;
  status: Generated<string>;
  totalRows: number | null;
  processedRows: Generated<number>;
  createdCount: Generated<number>;
  updatedCount: Generated<number>;
  duplicateCount: Generated<number>;
  rejectedCount: Generated<number>;
  error: string | null;
  jobId: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  startedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  finishedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  correctCedillas: Generated<boolean>;
}

export interface ImportMapping {
  id: string;
  workspaceId: string;
  entity: string;
  name: string;
  mapping: JsonValue;
  headers: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
}

export interface ImportRejectedRow {
  importId: string;
  rowNumber: number;
  reason: string;
  messages: JsonValue;
  cells: JsonValue;
}

export interface Job {
  id: string;
  queue: string;
  workspaceId: string | null;
  payload: Generated<JsonValue>;
  dedupeKey: string | null;
  status: Generated<string>;
  runAt: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedUntil: ColumnType<Date | null, Date | string | null, Date | string | null>;
  lastError: string | null;
  progress: JsonValue | null;
  result: JsonValue | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  lockedBy: string | null;
  resumedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface JobSchedule {
  name: string;
  queue: string;
  everySeconds: number;
  payload: Generated<JsonValue>;
  nextRunAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LeadRotation {
  workspaceId: string;
  pool: string;
  lastUserId: string | null;
}

export interface MailMessage {
  id: string;
  workspaceId: string | null;
  toAddress: string;
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  lastError: string | null;
  messageId: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  sentAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  dedupeKey: string | null;
  attachments: JsonValue | null;
}

export interface Notification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  inApp: Generated<boolean>;
  channels: Generated<string[]>;
}

export interface NotificationPreference {
  workspaceId: string;
  userId: string;
  kind: string;
  inApp: boolean;
  email: boolean;
  sms: boolean;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface NumberSeries {
  workspaceId: string;
  kind: string;
  year: number;
  prefix: string;
  lastNumber: Generated<number>;
}

export interface Offer {
  id: string;
  workspaceId: string;
  number: string;
  status: Generated<string>;
  partnerId: string;
  contactId: string | null;
  opportunityId: string | null;
  issueDate: Generated<string>;
  validUntil: string | null;
  currency: string;
  language: Generated<string>;
  notes: string | null;
  subtotal: Generated<string>;
  vatTotal: Generated<string>;
  total: Generated<string>;
  sentAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  decidedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ownerId: string | null;
  orgUnitId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  vatTreatment: Generated<string>;
}

export interface Opportunity {
  id: string;
  workspaceId: string;
  name: string;
  pipelineId: string;
  stageId: string;
  partnerId: string | null;
  contactId: string | null;
  amount: string | null;
  currency: string | null;
  expectedClose: string | null;
  source: string | null;
  lostReason: string | null;
  nextStep: string | null;
  description: string | null;
  stageEnteredAt: ColumnType<Date, Date | string | undefined, Date | string>;
  closedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ownerId: string | null;
  orgUnitId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  campaignId: string | null;
}

export interface OpportunityStageHistory {
  id: string;
  workspaceId: string;
  opportunityId: string;
  stageId: string;
  enteredAt: ColumnType<Date, Date | string, Date | string>;
  leftAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  actorId: string | null;
}

export interface OrgUnit {
  id: string;
  workspaceId: string;
  parentId: string | null;
  name: string;
  code: string | null;
  path: string;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  headUserId: string | null;
}

export interface OutboxCursor {
  consumer: string;
  lastEventId: Generated<string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OutboxEvent {
  id: Generated<string>;
  workspaceId: string;
  type: string;
  entity: string;
  recordId: string | null;
  actorId: string | null;
  payload: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Partner {
  id: string;
  workspaceId: string;
  kind: Generated<string>;
  name: string;
  legalName: string | null;
  status: Generated<string>;
  taxId: string | null;
  taxIdKind: string | null;
  tradeRegister: string | null;
  country: Generated<string>;
  county: string | null;
  city: string | null;
  postalCode: string | null;
  street: string | null;
  addresses: Generated<JsonValue>;
  phone: string | null;
  email: string | null;
  website: string | null;
  iban: string | null;
  bic: string | null;
  bankName: string | null;
  sector: string | null;
  employees: number | null;
  turnover: string | null;
  turnoverCurrency: string | null;
  leadSource: string | null;
  tags: Generated<string[]>;
  ownerId: string | null;
  deputyId: string | null;
  orgUnitId: string | null;
  lastActivityAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  notes: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  groupId: string | null;
  categories: Generated<string[]>;
  campaignId: string | null;
  bankAccounts: Generated<JsonValue>;
  financials: Generated<JsonValue>;
  convertedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  searchText: Generated<string | null>;
  mergedInto: string | null;
  taxIdKey: Generated<string | null>;
  taxIdDuplicate: Generated<boolean>;
}

export interface PartnerContact {
  workspaceId: string;
  partnerId: string;
  contactId: string;
  role: string | null;
  isPrimary: Generated<boolean>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PartnerGroup {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  color: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface PartnerTimeline {
  workspaceId: string;
  partnerId: string;
  eventId: string;
  at: ColumnType<Date, Date | string, Date | string>;
  type: string;
  entity: string;
  recordId: string | null;
  actorId: string | null;
  payload: Generated<JsonValue>;
}

export interface Pipeline {
  id: string;
  workspaceId: string;
  name: string;
  isDefault: Generated<boolean>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface PipelineStage {
  id: string;
  workspaceId: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  outcome: Generated<string>;
  requiredFields: Generated<string[]>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  allowsDocuments: Generated<string[]>;
}

export interface PriceList {
  id: string;
  workspaceId: string;
  name: string;
  kind: Generated<string>;
  currency: string;
  validFrom: string;
  validTo: string | null;
  active: Generated<boolean>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface PriceListItem {
  priceListId: string;
  productId: string;
  workspaceId: string;
  price: string;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
}

export interface Product {
  id: string;
  workspaceId: string;
  code: string;
  name: string;
  kind: Generated<string>;
  productGroup: string | null;
  unit: Generated<string>;
  description: string | null;
  characteristics: Generated<JsonValue>;
  cost: string | null;
  costCurrency: string | null;
  vatRate: string | null;
  active: Generated<boolean>;
  photoAttachmentId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface RecordGrant {
  id: string;
  workspaceId: string;
  entity: string;
  recordId: string;
  principalType: string;
  principalId: string;
  access: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
}

export interface Reminder {
  id: string;
  workspaceId: string;
  kind: string;
  notifyKind: Generated<string>;
  userId: string | null;
  taskId: string | null;
  offsetMinutes: number | null;
  callbackId: string | null;
  contractId: string | null;
  endsOn: string | null;
  title: string | null;
  link: string | null;
  remindAt: ColumnType<Date, Date | string, Date | string>;
  status: Generated<string>;
  sentAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  notificationId: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Reservation {
  id: string;
  workspaceId: string;
  resourceId: string;
  title: string;
  startsAt: ColumnType<Date, Date | string, Date | string>;
  endsAt: ColumnType<Date, Date | string, Date | string>;
  partnerId: string | null;
  notes: string | null;
  ownerId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Resource {
  id: string;
  workspaceId: string;
  name: string;
  kind: Generated<string>;
  description: string | null;
  location: string | null;
  capacity: number | null;
  color: string | null;
  active: Generated<boolean>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Role {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  grants: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface SalesOrder {
  id: string;
  workspaceId: string;
  number: string;
  status: Generated<string>;
  partnerId: string;
  contactId: string | null;
  opportunityId: string | null;
  offerId: string | null;
  issueDate: Generated<string>;
  deliveryDate: string | null;
  currency: string;
  language: Generated<string>;
  notes: string | null;
  subtotal: Generated<string>;
  vatTotal: Generated<string>;
  total: Generated<string>;
  confirmedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  ownerId: string | null;
  orgUnitId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  vatTreatment: Generated<string>;
}

export interface SalesTarget {
  id: string;
  workspaceId: string;
  month: string;
  ownerId: string | null;
  productGroup: string | null;
  partnerId: string | null;
  amount: string;
  notes: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface SavedView {
  id: string;
  workspaceId: string;
  entity: string;
  name: string;
  ownerId: string;
  shared: Generated<boolean>;
  definition: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface SchemaMigration {
  name: string;
  appliedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SearchDocument {
  workspaceId: string;
  entity: string;
  recordId: string;
  title: string;
  subtitle: string | null;
  body: string | null;
  ownerId: string | null;
  orgUnitId: string | null;
  normalizedTitle: string;
  tsv: string;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Session {
  id: string;
  userId: string;
  token: string;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SmsMessage {
  id: string;
  workspaceId: string | null;
  toPhone: string;
  body: string;
  status: Generated<string>;
  gateway: string | null;
  gatewayId: string | null;
  error: string | null;
  notificationId: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  sentAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface Task {
  id: string;
  workspaceId: string;
  type: Generated<string>;
  title: string;
  description: string | null;
  partnerId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  startsAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  dueAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  completedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  priority: Generated<string>;
  assigneeId: string | null;
  status: Generated<string>;
  dispatchId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  reminders: Generated<JsonValue>;
  chainId: string | null;
  chainStep: number | null;
}

export interface TaskChain {
  id: string;
  workspaceId: string;
  templateId: string;
  name: string;
  steps: JsonValue;
  stepCount: number;
  currentStep: Generated<number>;
  status: Generated<string>;
  partnerId: string | null;
  opportunityId: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface TaskChainTemplate {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  steps: JsonValue;
  active: Generated<boolean>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface TaskComment {
  id: string;
  workspaceId: string;
  taskId: string;
  authorId: string | null;
  body: string;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserGroup {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface UserGroupMember {
  workspaceId: string;
  groupId: string;
  userId: string;
}

export interface UserRole {
  workspaceId: string;
  userId: string;
  roleId: string;
}

export interface Users {
  id: string;
  workspaceId: string;
  name: string;
  email: string | null;
  emailVerified: Generated<boolean>;
  image: string | null;
  locale: Generated<string>;
  theme: Generated<string>;
  position: string | null;
  phone: string | null;
  birthday: string | null;
  orgUnitId: string | null;
  managerId: string | null;
  isAdmin: Generated<boolean>;
  active: Generated<boolean>;
  custom: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  createdBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedBy: string | null;
  version: Generated<number>;
  deletedAt: ColumnType<Date | null, Date | string | null, Date | string | null>;
  canSignIn: Generated<boolean>;
  awayFrom: string | null;
  awayUntil: string | null;
}

export interface Verification {
  id: string;
  identifier: string;
  value: string;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WorkerInstance {
  id: string;
  hostname: string;
  pid: number;
  startedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  heartbeatAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  locale: Generated<string>;
  currency: Generated<string>;
  settings: Generated<JsonValue>;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB {
  account: Account;
  apiKey: ApiKey;
  attachment: Attachment;
  auditLog: AuditLog;
  authAttempt: AuthAttempt;
  calendarSetting: CalendarSetting;
  callback: Callback;
  campaign: Campaign;
  competitor: Competitor;
  competitorLink: CompetitorLink;
  contact: Contact;
  contract: Contract;
  customField: CustomField;
  demoSeed: DemoSeed;
  documentLine: DocumentLine;
  event: Event;
  exchangeRate: ExchangeRate;
  fileBlob: FileBlob;
  groupRole: GroupRole;
  importJob: ImportJob;
  importMapping: ImportMapping;
  importRejectedRow: ImportRejectedRow;
  job: Job;
  jobSchedule: JobSchedule;
  leadRotation: LeadRotation;
  mailMessage: MailMessage;
  notification: Notification;
  notificationPreference: NotificationPreference;
  numberSeries: NumberSeries;
  offer: Offer;
  opportunity: Opportunity;
  opportunityStageHistory: OpportunityStageHistory;
  orgUnit: OrgUnit;
  outboxCursor: OutboxCursor;
  outboxEvent: OutboxEvent;
  partner: Partner;
  partnerContact: PartnerContact;
  partnerGroup: PartnerGroup;
  partnerTimeline: PartnerTimeline;
  pipeline: Pipeline;
  pipelineStage: PipelineStage;
  priceList: PriceList;
  priceListItem: PriceListItem;
  product: Product;
  recordGrant: RecordGrant;
  reminder: Reminder;
  reservation: Reservation;
  resource: Resource;
  role: Role;
  salesOrder: SalesOrder;
  salesTarget: SalesTarget;
  savedView: SavedView;
  schemaMigration: SchemaMigration;
  searchDocument: SearchDocument;
  session: Session;
  smsMessage: SmsMessage;
  task: Task;
  taskChain: TaskChain;
  taskChainTemplate: TaskChainTemplate;
  taskComment: TaskComment;
  userGroup: UserGroup;
  userGroupMember: UserGroupMember;
  userRole: UserRole;
  users: Users;
  verification: Verification;
  workerInstance: WorkerInstance;
  workspace: Workspace;
}
