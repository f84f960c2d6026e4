import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanView } from '../../../../shared/contract/staffing';
import { formatTime } from '../../components/format';

/**
 * An event's plan: expected mentions (bars, left axis) and staff needed (line, right axis) per
 * 30-minute interval. SVG at a fixed size with no animation, so it prints as drawn and needs
 * nothing from the network.
 */
export function PlanChart(props: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const data = props.plan.intervals.map((iv) => ({
    time: formatTime(iv.start, i18n.language),
    mentions: iv.arrivals,
    staff: iv.staff,
  }));
  return (
    <figure className="plan-chart" data-testid="plan-chart">
      <ComposedChart width={720} height={260} data={data} margin={{ top: 8, right: 8, left: 0 }}>
        <CartesianGrid stroke="#2a323c" vertical={false} />
        <XAxis dataKey="time" stroke="#9aa7b4" fontSize={12} />
        <YAxis yAxisId="mentions" stroke="#7cc4ff" fontSize={12} />
        <YAxis yAxisId="staff" orientation="right" stroke="#ffcc66" fontSize={12} />
        <Tooltip contentStyle={{ background: '#13171c', border: '1px solid #2a323c' }} />
        <Legend />
        <Bar
          yAxisId="mentions"
          dataKey="mentions"
          name={t('staffing.plan.mentions')}
          fill="#7cc4ff"
          isAnimationActive={false}
        />
        <Line
          yAxisId="staff"
          dataKey="staff"
          name={t('staffing.plan.staff')}
          stroke="#ffcc66"
          strokeWidth={2}
          isAnimationActive={false}
        />
      </ComposedChart>
      <figcaption data-testid="plan-peak">
        {t('staffing.plan.peak', {
          staff: props.plan.peak.staff,
          time: formatTime(props.plan.peak.start, i18n.language),
          hours: Math.round(props.plan.staffHours * 10) / 10,
        })}
      </figcaption>
    </figure>
  );
}
