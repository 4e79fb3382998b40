import type { ReactNode } from 'react';
import { Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CreditCodeStatus, EnterpriseDetail } from '@shared/contracts/org';
import { INDUSTRIES, KEY_AREAS, SCALES, SUPERVISION_TYPES, labelOf } from '@shared/taxonomy';

/**
 * 待核实: a credit code whose check character fails, accepted on the admin's word until the county
 * regulator looks; 代码有误: the regulator recorded it as wrong (the enterprise must correct it).
 */
export function CreditCodeStatusTag({ status, note }: { status: CreditCodeStatus; note?: string }) {
  if (status === 'pending')
    return (
      <Tooltip title="该代码校验位未通过，企业确认与营业执照一致，待属地监管部门核实">
        <Tag color="warning" data-testid="credit-code-unverified">
          待核实
        </Tag>
      </Tooltip>
    );
  if (status === 'wrong')
    return (
      <Tooltip title={note ? `监管部门核实意见：${note}` : '监管部门核实该代码有误，请企业更正'}>
        <Tag color="error" data-testid="credit-code-wrong">
          代码有误
        </Tag>
      </Tooltip>
    );
  return null;
}

export function CreditCodeText({ enterprise, action }: { enterprise: EnterpriseDetail; action?: ReactNode }) {
  return (
    <Space size={8} wrap>
      <span className="mono">{enterprise.creditCode}</span>
      <CreditCodeStatusTag status={enterprise.creditCodeStatus} note={enterprise.creditCodeNote} />
      {action}
    </Space>
  );
}

const dateTime = (v: string | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** The enterprise profile as the admin and its regulators read it. */
export function EnterpriseDescriptions({ enterprise: e, creditCodeAction, column = 2 }: { enterprise: EnterpriseDetail; creditCodeAction?: ReactNode; column?: number }) {
  return (
    <Descriptions bordered size="middle" column={column} labelStyle={{ width: 150, whiteSpace: 'nowrap' }} data-testid="enterprise-descriptions">
      <Descriptions.Item label="企业名称" span={column}>
        <Typography.Text strong>{e.name}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码" span={column}>
        <CreditCodeText enterprise={e} action={creditCodeAction} />
      </Descriptions.Item>
      <Descriptions.Item label="所在区域" span={column}>
        {e.regionName || '—'}
      </Descriptions.Item>
      <Descriptions.Item label="详细地址" span={column}>
        {e.address || '—'}
      </Descriptions.Item>
      <Descriptions.Item label="联系人">{e.contactName || '—'}</Descriptions.Item>
      <Descriptions.Item label="联系电话">{e.contactPhone || '—'}</Descriptions.Item>
      <Descriptions.Item label="企业规模">{labelOf(SCALES, e.scale) || '—'}</Descriptions.Item>
      <Descriptions.Item label="在职员工">{(e.staffCount ?? 0).toLocaleString('zh-CN')} 人</Descriptions.Item>
      <Descriptions.Item label="安全监管类型">{labelOf(SUPERVISION_TYPES, e.supervisionType) || '—'}</Descriptions.Item>
      <Descriptions.Item label="行业类型">{labelOf(INDUSTRIES, e.industry) || '—'}</Descriptions.Item>
      <Descriptions.Item label="工贸行业重点监管领域" span={column}>
        {e.keyAreas?.length ? (
          <Space size={[0, 4]} wrap>
            {e.keyAreas.map((c) => (
              <Tag key={c} color="orange">
                {labelOf(KEY_AREAS, c)}
              </Tag>
            ))}
          </Space>
        ) : (
          '不涉及'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="注册时间">{dateTime(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="最近更新">{dateTime(e.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}
