export interface MailOutboxTable {
  id: string;
  districtId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}
