// One application submitted by the unit's staff, read-only, with its scans: the reviewer returns it
// for changes, or publicises it in the unit and recommends it once the publicity is over.
import { useParams } from 'react-router-dom';
import { DeskApplication } from '../review/DeskApplication';
import { PublicityPanel } from './PublicityPanel';

export default function UnitApplicationPage() {
  const { id = '' } = useParams();
  return <DeskApplication desk="unit" id={id} queuePath="/app/unit/applications" queueLabel="申报审核" panels={(ctx) => <PublicityPanel ctx={ctx} />} />;
}
