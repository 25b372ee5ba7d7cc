package org.vigil.cli.commands;

import org.vigil.cli.Vigil;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --es URL} after the name of a command that uses Elasticsearch; commands that do not use it
 * do not offer it (it is also accepted before the command, {@code vigil --es URL search}).
 */
final class EsOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--es", paramLabel = "URL", description = Vigil.ES_OPTION_HELP)
  void setEsUrl(String url) {
    ((Vigil) mixee.root().userObject()).useEsUrl(url);
  }
}
