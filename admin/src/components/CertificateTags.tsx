import { Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Certificate } from '@shared/contracts/people';
import { CERTIFICATE_TYPES, labelOf } from '@shared/taxonomy';
import { CERTIFICATE_SHORT } from './options';

/** 持证情况 as tags; an expired certificate is red, one expiring within 90 days orange. */
export function CertificateTags({ certificates }: { certificates: Certificate[] | undefined }) {
  if (!certificates?.length) return <Typography.Text type="secondary">无</Typography.Text>;
  const today = dayjs().format('YYYY-MM-DD');
  const soon = dayjs().add(90, 'day').format('YYYY-MM-DD');
  return (
    <Space size={[0, 4]} wrap>
      {certificates.map((c, i) => {
        const expired = !!c.expiresOn && c.expiresOn < today;
        const expiring = !expired && !!c.expiresOn && c.expiresOn <= soon;
        return (
          <Tooltip
            key={`${c.type}-${c.number}-${i}`}
            title={
              <>
                <div>{labelOf(CERTIFICATE_TYPES, c.type)}</div>
                <div>编号：{c.number}</div>
                {(c.issuedOn || c.expiresOn) && (
                  <div>
                    有效期：{c.issuedOn ?? '—'} 至 {c.expiresOn ?? '—'}
                    {expired ? '（已过期）' : expiring ? '（即将到期）' : ''}
                  </div>
                )}
              </>
            }
          >
            <Tag color={expired ? 'red' : expiring ? 'orange' : 'blue'} bordered={false}>
              {CERTIFICATE_SHORT[c.type] ?? labelOf(CERTIFICATE_TYPES, c.type)}
              {expired ? '·过期' : ''}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
