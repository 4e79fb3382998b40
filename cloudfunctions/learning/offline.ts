import type { OfflineTrainingView } from '../../shared/contracts/courses';

/** 线下培训 as stored (`offline:<enterpriseId>:<requestId>`: a retried submit records once). */
export interface OfflineTrainingDoc {
  _id: string;
  enterpriseId: string;
  /** As it was when recorded (一人一档 shows it across employers). */
  enterpriseName?: string;
  requestId: string;
  date: string;
  /** Shanghai calendar year of `date` (hours reports and 一人一档 by year). */
  year: number;
  topic: string;
  trainer: string;
  hours: number;
  attendeeIds: string[];
  /** Names as they were when recorded. */
  attendees: { personId: string; name: string }[];
  evidenceFileIDs: string[];
  voided: boolean;
  voidReason?: string;
  voidedAt?: Date;
  voidedBy?: string;
  createdBy: string;
  createdAt: Date;
}

export const offlineIdOf = (enterpriseId: string, requestId: string): string => `offline:${enterpriseId}:${requestId}`;

export function toOfflineView(d: OfflineTrainingDoc): OfflineTrainingView {
  return {
    _id: d._id,
    enterpriseId: d.enterpriseId,
    date: d.date,
    topic: d.topic,
    trainer: d.trainer,
    hours: d.hours,
    attendees: d.attendees,
    evidenceFileIDs: d.evidenceFileIDs,
    createdAt: new Date(d.createdAt).toISOString(),
    voided: !!d.voided,
  };
}
