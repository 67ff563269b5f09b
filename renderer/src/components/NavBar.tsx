import { VIEWS, hrefFor, type ViewId } from '../app/routes';
import { Icon } from './icons';

export function NavBar({ current }: { current: ViewId }) {
  return (
    <nav className="app-nav" aria-label="Views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v.id}>
            <a href={hrefFor(v.id)} aria-current={v.id === current ? 'page' : undefined} className={v.id === current ? 'active' : undefined}>
              <Icon name={v.id} />
              <span>{v.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
