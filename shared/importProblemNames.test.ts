import { withRowNames } from './importProblemNames';

describe('withRowNames', () => {
  const table = [
    ['姓名*', '身份证号码*'],
    ['张三', 'x'],
    ['  李四 ', 'y'],
    [null, 'z'],
  ];
  it('names each problem by its row’s 姓名 cell', () => {
    expect(
      withRowNames(
        [
          { row: 2, column: '身份证号码', reason: 'a' },
          { row: 3, column: '身份证号码', reason: 'b' },
          { row: 4, column: '姓名', reason: 'c' },
          { row: 9, column: '姓名', reason: 'd' },
        ],
        table,
      ),
    ).toEqual([
      { row: 2, name: '张三', column: '身份证号码', reason: 'a' },
      { row: 3, name: '李四', column: '身份证号码', reason: 'b' },
      { row: 4, column: '姓名', reason: 'c' },
      { row: 9, column: '姓名', reason: 'd' },
    ]);
  });
  it('keeps a name the server gave, and leaves problems alone without a 姓名 column', () => {
    expect(withRowNames([{ row: 2, name: '王五', column: 'x', reason: 'r' }], table)[0].name).toBe('王五');
    expect(withRowNames([{ row: 2, column: 'x', reason: 'r' }], [['a'], ['b']])).toEqual([{ row: 2, column: 'x', reason: 'r' }]);
  });
});
