// French date picker and selects for the whole panel (./french-widgets.ts), for a French host that
// asks for them: registerFrenchWidgets(componentLoader). Registering the component is what loads it.
import './french-widgets.js'

const FrenchWidgets = () => null
export default FrenchWidgets
