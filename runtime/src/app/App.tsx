export function App() {
  return <div>绩效管理</div>;
}
