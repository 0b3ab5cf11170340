// nf-core-style module: annotate one sample's fusion-caller output with fusionviz.
// See docs/pipelines.md. fusionviz exit status 1 (some rows failed, listed in
// errors.tsv) still gives complete results; 2 (the file is unusable) fails the task.
process FUSIONVIZ_BATCH {
    tag "$meta.id"
    label 'process_single'

    conda "${moduleDir}/environment.yml"

    input:
    tuple val(meta), path(fusions)

    output:
    tuple val(meta), path("${prefix}/index.html")        , emit: html
    tuple val(meta), path("${prefix}/fusions.tsv")       , emit: tsv
    tuple val(meta), path("${prefix}/fusions.jsonl")     , emit: jsonl
    tuple val(meta), path("${prefix}/fusions.vicc.jsonl"), emit: vicc
    tuple val(meta), path("${prefix}/fusions.fasta")     , emit: fasta
    tuple val(meta), path("${prefix}/errors.tsv")        , emit: errors
    tuple val(meta), path("${prefix}/fusionviz_mqc.json"), emit: mqc
    tuple val(meta), path("${prefix}/figures/*.svg")     , emit: figures, optional: true
    path "versions.yml"                                  , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    fusionviz batch $fusions -o $prefix --quiet --jobs $task.cpus $args || [ \$? -eq 1 ]

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        fusionviz: \$(fusionviz --version | sed 's/^fusionviz //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir -p $prefix
    touch $prefix/index.html $prefix/fusions.tsv $prefix/fusions.jsonl $prefix/fusions.vicc.jsonl
    touch $prefix/fusions.fasta $prefix/errors.tsv $prefix/fusionviz_mqc.json

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        fusionviz: \$(fusionviz --version | sed 's/^fusionviz //')
    END_VERSIONS
    """
}
