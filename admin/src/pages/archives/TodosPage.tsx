import { Badge, Card, Col, List, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { useLatestLoad } from '../../components/useLatestLoad';
import { callOversight } from '../../oversight';

/** 待办 of a regulator: new enterprises (7 days), 待核实 credit codes, pending appeals. */
export default function TodosPage() {
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('todos', {}), []);
  return (
    <>
      <PageHeader title="待办" description="辖区内近7天新注册企业、待核实的统一社会信用代码、待处理的成绩申诉" />
      {error && <LoadErrorAlert what="待办" error={error} onRetry={reload} />}
      {loading && !data && <PageSpinner />}
      {data && (
        <Row gutter={16}>
          <Col span={8}>
            <Card title={<Badge count={data.newEnterprises.total} offset={[12, 0]} showZero color="#1677ff">新注册企业（7天内）</Badge>} data-testid="todo-new">
              <List size="small" dataSource={data.newEnterprises.items} locale={{ emptyText: '近7天没有新注册企业' }}
                renderItem={(e) => <List.Item><List.Item.Meta title={<a href={`#/enterprises?keyword=${encodeURIComponent(e.name)}`}>{e.name}</a>} description={`${e.regionName} · ${dayjs(e.createdAt).format('MM-DD HH:mm')}`} /></List.Item>} />
            </Card>
          </Col>
          <Col span={8}>
            <Card title={<Badge count={data.pendingCreditCodes.total} offset={[12, 0]} showZero color="#fa8c16">信用代码待核实</Badge>} data-testid="todo-credit">
              <List size="small" dataSource={data.pendingCreditCodes.items} locale={{ emptyText: '没有待核实的信用代码' }}
                renderItem={(e) => <List.Item><List.Item.Meta title={<a href={`#/enterprises?keyword=${encodeURIComponent(e.name)}`}>{e.name}</a>} description={<Typography.Text className="mono" type="secondary">{e.creditCode}</Typography.Text>} /></List.Item>} />
            </Card>
          </Col>
          <Col span={8}>
            <Card title={<Badge count={data.pendingAppeals.total} offset={[12, 0]} showZero color="#f5222d">待处理申诉</Badge>} data-testid="todo-appeals">
              <List size="small" dataSource={data.pendingAppeals.items} locale={{ emptyText: '没有待处理的申诉' }}
                renderItem={(a) => <List.Item><List.Item.Meta title={`${a.personName} · ${a.examTitle}`} description={dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')} /></List.Item>} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
