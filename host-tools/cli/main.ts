// The espnode command line. Each command lives in its own file and imports its heavy modules lazily inside its
// action, so `espnode --help` stays fast.
import { Command } from "commander";
import { registerSimCommand } from "./sim-command.ts";
import { registerFlashCommand } from "./flash-command.ts";
import { registerListCommand } from "./list-command.ts";
import { registerDeployCommand } from "./deploy-command.ts";
import { registerProvisionCommand } from "./provision-command.ts";
import { registerStationCommand } from "./station-command.ts";
import { registerMonitorCommand } from "./monitor-command.ts";
import { registerDemoCommand } from "./demo-command.ts";
import { registerBuildCommand } from "./build-command.ts";
import { registerInitCommand } from "./init-command.ts";
import { registerRunCommand } from "./run-command.ts";
import { registerDevCommand } from "./dev-command.ts";
import { registerOtaCommand } from "./ota-command.ts";
import { registerFleetCommand } from "./fleet-command.ts";
import { registerDashboardCommand } from "./dashboard-command.ts";
import { EXIT_CODES_HELP, ExitCode } from "./exit-codes.ts";

export function buildProgram(): Command {
  const program = new Command("espnode")
    .description("Build, flash, deploy, provision and monitor ESP32 sensor nodes running Espruino.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `\nSecrets: Wi-Fi/MQTT passwords come from $ESPNODE_WIFI_PASSWORD / $ESPNODE_MQTT_PASSWORD,\n` +
        `--wifi-password-file / --mqtt-password-file (\`-\` reads stdin), or a hidden prompt; never from the command line.\n\n${EXIT_CODES_HELP}\n`,
    );
  // Usage errors (unknown option, missing argument) exit with 2, as documented.
  program.exitOverride((err) => {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help")
      process.exit(ExitCode.OK);
    process.exit(err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
  });
  registerListCommand(program);
  registerFlashCommand(program);
  registerInitCommand(program);
  registerBuildCommand(program);
  registerRunCommand(program);
  registerDevCommand(program);
  registerDeployCommand(program);
  registerProvisionCommand(program);
  registerStationCommand(program);
  registerMonitorCommand(program);
  registerOtaCommand(program);
  registerFleetCommand(program);
  registerDashboardCommand(program);
  registerSimCommand(program);
  registerDemoCommand(program);
  for (const cmd of program.commands) cmd.exitOverride((err) => process.exit(err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE));
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  await buildProgram().parseAsync(argv);
}

await main();
