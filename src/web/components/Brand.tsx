import { Link } from 'react-router-dom';

/** Product mark and name, linking to the public home page. */
export function Brand({ subtitle = true }: { subtitle?: boolean }) {
  return (
    <Link to="/" className="zp-brand" aria-label="职评首页">
      <span className="zp-brand-mark" aria-hidden="true">
        评
      </span>
      <span>职评</span>
      {subtitle && <span className="zp-brand-subtitle">职称申报评审平台</span>}
    </Link>
  );
}
