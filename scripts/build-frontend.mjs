// Builds the front end into frontend-build/, which Django serves as static files:
// GOV.UK Frontend's assets and JavaScript, and our Sass compiled with its asset path.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { compile } from 'sass'

const out = 'frontend-build'
rmSync(out, { recursive: true, force: true })
mkdirSync(`${out}/css`, { recursive: true })
mkdirSync(`${out}/js`, { recursive: true })
cpSync('node_modules/govuk-frontend/dist/govuk/assets', `${out}/govuk/assets`, { recursive: true })
cpSync('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', `${out}/govuk/govuk-frontend.min.js`)
cpSync('frontend/js', `${out}/js`, { recursive: true })
const result = compile('frontend/scss/application.scss', {
  loadPaths: ['node_modules'],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(`${out}/css/application.css`, result.css)
console.log(`Front end built into ${out}/ (${result.css.length} bytes of CSS)`)
