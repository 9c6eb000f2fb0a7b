import { describe, expect, it } from 'vitest';
import { toDeclaration } from './declaration';

describe('conflict declaration', () => {
  it('an empty form declares none; blank rows are dropped', () => {
    expect(toDeclaration([])).toEqual({ persons: [] });
    expect(toDeclaration([{ kind: 'relation' }, undefined, { name: '  ', note: '' }])).toEqual({ persons: [] });
  });

  it('keeps named persons, trimmed', () => {
    expect(toDeclaration([{ name: ' 张三 ', kind: 'relation', note: ' 配偶 ' }, { name: '李四', kind: 'coauthor' }])).toEqual({
      persons: [
        { name: '张三', kind: 'relation', note: '配偶' },
        { name: '李四', kind: 'coauthor', note: '' },
      ],
    });
  });

  it('a row with a note needs a name and a kind', () => {
    expect(toDeclaration([{ note: '合著《边疆纪事》' }])).toEqual({ problems: ['第 1 行：请填写姓名', '第 1 行：请选择关系'] });
  });
});
